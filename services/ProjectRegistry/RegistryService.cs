using PerfPlatform.ProjectRegistry.Results;
using PerfPlatform.ProjectRegistry.Review;
using PerfPlatform.Protos.Registry.V1;

namespace PerfPlatform.ProjectRegistry;

/// <summary>The ProjectRegistry gRPC service; each feature folder adds its methods to this partial class.</summary>
public sealed partial class RegistryService(RegistryDb db, TimeProvider clock, SubmissionChecks submissionChecks,
    Predecessors predecessors)
    : Protos.Registry.V1.ProjectRegistry.ProjectRegistryBase;
