using PerfPlatform.IndicatorCatalogue.Frameworks;
using PerfPlatform.IndicatorCatalogue.Projects;
using PerfPlatform.IndicatorCatalogue.Sets;

namespace PerfPlatform.IndicatorCatalogue;

/// <summary>The IndicatorCatalogue gRPC service; each feature folder adds its methods to this partial class.</summary>
public sealed partial class CatalogueService(CatalogueDb db, TimeProvider clock, FrameworkCatalog frameworks, TargetReviewer reviewer,
    KnownProjects projects) : Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueBase;
