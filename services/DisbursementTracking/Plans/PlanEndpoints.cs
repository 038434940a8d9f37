using System.Text.Json;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.DisbursementTracking.Plans;
using PerfPlatform.Protos.Disbursement.V1;

namespace PerfPlatform.DisbursementTracking;

/// <summary>
/// 资金支出计划: PUT replaces a project's plan after checking its rules, only while the project itself can change (draft or
/// returned, as the registry rules); GET reads it back with its blanks.
/// </summary>
public sealed partial class DisbursementService
{
    public override async Task<SpendingPlan> PutSpendingPlan(PutSpendingPlanRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var ct = context.CancellationToken;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var project = await VisibleProject(request.ProjectCode, caller, ct, forUpdate: true);
        caller.RequireUnit(project.DivisionCode, project.UnitCode);
        RequirePlanEditable(project);
        var plan = request.Checkpoints.Select(c => new PlannedCheckpoint(
            c.Label.Trim().Length > 0 ? c.Label.Trim() : PlanRules.LabelOf(c.Month), c.Month, c.HasCumulativeBp ? c.CumulativeBp : null)).ToList();
        PlanRules.Check(plan, Options.MonthsFor(project.Year));

        var json = JsonSerializer.Serialize(plan, OutboxMessage.Json);
        var record = await db.Plans.FindAsync([project.Code], ct);
        // The same plan again changes nothing (compared as checkpoints: jsonb does not keep the text as written).
        if (record is not null && JsonSerializer.Deserialize<List<PlannedCheckpoint>>(record.Checkpoints, OutboxMessage.Json)!.SequenceEqual(plan))
            return ToProto(project, record);
        var before = record is null ? null : ToProto(project, record);
        if (record is null)
        {
            record = new SpendingPlanRecord { ProjectCode = project.Code };
            db.Plans.Add(record);
        }
        record.Checkpoints = json;
        record.UpdatedAt = clock.Now();
        record.UpdatedBy = caller.Subject;
        project.PlanVersion += 1;
        var after = ToProto(project, record);
        db.Audit("spending_plan", project.Code, before is null ? "create" : "update", caller.Subject, before, after, clock);
        db.Publish(new SpendingPlanSet(project.Code, project.PlanVersion, plan));
        await db.SaveChangesAsync(ct);
        await warnings.RefreshAsync(project, ct);
        await tx.CommitAsync(ct);
        return after;
    }

    public override async Task<SpendingPlan> GetSpendingPlan(GetSpendingPlanRequest request, ServerCallContext context)
    {
        var project = await VisibleProject(request.ProjectCode, context.Caller(), context.CancellationToken);
        var record = await db.Plans.FindAsync([project.Code], context.CancellationToken)
            ?? throw new NotFoundException($"项目 {project.Code} 尚未填报资金支出计划。");
        return ToProto(project, record);
    }

    private static void RequirePlanEditable(ProjectCopy project)
    {
        if (ProjectStatuses.IsEditable(project.Status)) return;
        var label = ProjectStatuses.LabelOf(project.Status);
        throw new FailedPreconditionException(
            $"项目 {project.Code} 处于「{label}」状态，资金支出计划不能修改；只有草稿或被退回的项目可以修改" +
            (project.Status == ProjectStatuses.Approved ? "，已批复的项目请先在项目库发起调整。" : "，请等待审核结果。"),
            [new FieldViolation("status", label)]);
    }

    public static IReadOnlyList<PlannedCheckpoint> PlanOf(SpendingPlanRecord record) =>
        JsonSerializer.Deserialize<List<PlannedCheckpoint>>(record.Checkpoints, OutboxMessage.Json) ?? [];

    private static SpendingPlan ToProto(ProjectCopy project, SpendingPlanRecord record)
    {
        var proto = new SpendingPlan { ProjectCode = project.Code, Year = project.Year, Version = project.PlanVersion };
        foreach (var c in PlanOf(record))
        {
            var checkpoint = new Checkpoint { Month = c.Month, Label = c.Label };
            if (c.CumulativeBp is { } bp) checkpoint.CumulativeBp = bp;
            proto.Checkpoints.Add(checkpoint);
        }
        return proto;
    }
}
