using MassTransit;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Contracts.Indicators;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Contracts.Registry;

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

    public static void AddProjectionConsumers(this IBusRegistrationConfigurator bus)
    {
        foreach (var consumer in Events.Select(type => typeof(EventConsumer<>).MakeGenericType(type)))
            bus.AddBatchConsumer(consumer);
    }
}
