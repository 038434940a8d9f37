using PerfPlatform.IndicatorCatalogue.Projects;

namespace PerfPlatform.IndicatorCatalogue.Monitoring;

/// <summary>The Monitoring gRPC service (双监控); rounds and forms each add their methods to this partial class.</summary>
public sealed partial class MonitoringService(CatalogueDb db, TimeProvider clock, KnownProjects projects, ExecutionSource money) : Protos.Indicators.V1.Monitoring.MonitoringBase;
