using Grpc.Core;
using PerfPlatform.Documents.Model;
using PerfPlatform.Protos.Disbursement.V1;
using Checkpoint = PerfPlatform.Protos.Disbursement.V1.Checkpoint;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;

namespace PerfPlatform.Importing;

/// <summary>Stores a table's spending plan (资金支出计划) with the disbursement service when it differs from what is stored.</summary>
public sealed class SpendingPlanClient(DisbursementClient disbursement)
{
    private static List<Checkpoint> CheckpointsOf(ProjectTable table) => table.SpendingPlan.Select(c =>
    {
        var checkpoint = new Checkpoint { Month = c.Month, Label = c.Label };
        if (c.CumulativeBp is { } bp) checkpoint.CumulativeBp = bp;
        return checkpoint;
    }).ToList();

    /// <summary>Whether the stored plan is the table's (false when none is stored).</summary>
    public async Task<bool> SameAsync(ProjectTable table)
    {
        try
        {
            return (await disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = table.Code })).Checkpoints.SequenceEqual(CheckpointsOf(table));
        }
        catch (RpcException e) when (NewProject.NotInDisbursementYet(e)) // no plan stored, or no project known yet
        {
            return false;
        }
    }

    public async Task ImportAsync(ProjectTable table, ImportReport report, bool dryRun, bool registeredNow)
    {
        var wanted = CheckpointsOf(table);
        SpendingPlan? current = null;
        // NOT_FOUND is also "no plan stored yet"; a project not known yet has none either.
        try { current = await disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = table.Code }); }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound || (NewProject.NotInDisbursementYet(e) && (dryRun || registeredNow))) { }
        if (current is not null && current.Checkpoints.SequenceEqual(wanted))
        {
            report.Add(table.Code, "资金支出计划", Outcome.Unchanged);
            return;
        }
        if (!dryRun)
            await NewProject.UntilKnownAsync(async () => await disbursement.PutSpendingPlanAsync(
                new PutSpendingPlanRequest { ProjectCode = table.Code, Checkpoints = { wanted } }), NewProject.NotInDisbursementYet, registeredNow);
        report.Add(table.Code, "资金支出计划", current is null || current.Checkpoints.Count == 0 ? Outcome.Created : Outcome.Updated);
    }
}
