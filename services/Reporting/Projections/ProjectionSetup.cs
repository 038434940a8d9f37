using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Contracts.Indicators;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.ServiceDefaults.Messaging;

namespace PerfPlatform.Reporting.Projections;

public static class ProjectionSetup
{
    /// <summary>The events the read model is built from; one consumer type per event, all through the same projector.</summary>
    public static readonly Type[] Events =
    [
        typeof(DivisionRegistered), typeof(DepartmentRegistered), typeof(UnitRegistered), typeof(DepartmentGoalsSet),
        typeof(ProjectRegistered), typeof(ProjectChanged), typeof(IndicatorSetReplaced),
        typeof(SpendingPlanSet), typeof(DisbursementRecorded), typeof(WarningChanged),
        typeof(MonitoringRoundOpened), typeof(MonitoringFormChanged),
        typeof(SelfEvaluationChanged),
    ];

    /// <summary>A queue per event ("reporting-project-registered"), each applied by <see cref="EventConsumer"/>.</summary>
    public static void AddProjectionConsumers(this BusEndpoints bus)
    {
        foreach (var type in Events) bus.Consume<EventConsumer>(BusEndpoints.Kebab(type.Name), type);
    }
}
