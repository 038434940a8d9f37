using PerfPlatform.Contracts.Registry;
using PerfPlatform.ProjectRegistry.Goals;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.Protos.Registry.V1;

namespace PerfPlatform.ProjectRegistry;

/// <summary>
/// Department goals (部门整体绩效目标): set by the department's own unit (本级) or the finance role, read by any unit of the
/// department; a PUT replaces them at the version it was based on.
/// </summary>
public sealed partial class RegistryService
{
    private const int MaxGoalText = 4000;

    public override async Task<DepartmentGoals> SetDepartmentGoals(SetDepartmentGoalsRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var v = new Violations()
            .DivisionCode(request.DivisionCode)
            .DepartmentCode(request.DepartmentCode)
            .Year(request.Year)
            .When(request.Version < 0, "version", "版本号 version 不能为负数：首次设置填 0，修改时填读取到的版本号。")
            .Required(request.OverallGoal, "overall_goal", "总体绩效目标")
            .MaxLength(request.OverallGoal, MaxGoalText, "overall_goal", "总体绩效目标")
            .MaxLength(request.SafeguardMeasures, MaxGoalText, "safeguard_measures", "工作保障措施")
            .When(request.ItemGoals.Count > 100, "item_goals", "分项绩效目标不能超过 100 条。");
        for (var i = 0; i < request.ItemGoals.Count; i++)
            v.MaxLength(request.ItemGoals[i], MaxGoalText, $"item_goals[{i}]", "分项绩效目标");
        v.ThrowIfAny();
        if (!caller.CanActForDepartment(request.DivisionCode, request.DepartmentCode))
            throw new PermissionDeniedException($"无权设置部门 {request.DivisionCode}/{request.DepartmentCode} 的整体绩效目标。");
        if (await db.Departments.FindAsync([request.DivisionCode, request.DepartmentCode], context.CancellationToken) is null)
            throw new NotFoundException($"部门 {request.DivisionCode}/{request.DepartmentCode} 尚未登记。");

        var items = request.ItemGoals.Select(g => g.Trim()).ToList();
        // A department's first goals of a year may be set twice at once: the later insert looks again and finds the same
        // goals (answered as stored) or other ones set meanwhile (ABORTED at version 0), as if it had come second.
        for (var attempt = 1; ; attempt++)
        {
            var record = await db.DepartmentGoals.FindAsync([request.DivisionCode, request.DepartmentCode, request.Year], context.CancellationToken);
            if (record is not null && record.OverallGoal == request.OverallGoal.Trim() && record.ItemGoals.SequenceEqual(items)
                && record.SafeguardMeasures == request.SafeguardMeasures.Trim())
                return ToProto(record);

            RequireGoalsVersion(request, record?.Version ?? 0);
            var before = record is null ? null : ToProto(record);
            if (record is null)
            {
                record = new DepartmentGoalsRecord
                {
                    DivisionCode = request.DivisionCode, DepartmentCode = request.DepartmentCode, Year = request.Year,
                };
                db.DepartmentGoals.Add(record);
            }
            record.OverallGoal = request.OverallGoal.Trim();
            record.ItemGoals = items;
            record.SafeguardMeasures = request.SafeguardMeasures.Trim();
            record.Version += 1;
            record.UpdatedAt = clock.Now();
            var after = ToProto(record);
            db.Audit("department_goals", $"{record.DivisionCode}/{record.DepartmentCode}/{record.Year}", before is null ? "create" : "update",
                caller.Subject, before, after, clock);
            db.Publish(new DepartmentGoalsSet(record.DivisionCode, record.DepartmentCode, record.Year, record.OverallGoal,
                record.ItemGoals, record.SafeguardMeasures, record.Version));
            if (await SavedFirstAsync(attempt, context.CancellationToken)) return after;
        }
    }

    public override async Task<DepartmentGoals> GetDepartmentGoals(GetDepartmentGoalsRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        new Violations()
            .DivisionCode(request.DivisionCode)
            .DepartmentCode(request.DepartmentCode)
            .Year(request.Year)
            .ThrowIfAny();
        var record = caller.CanReadDepartment(request.DivisionCode, request.DepartmentCode)
            ? await db.DepartmentGoals.FindAsync([request.DivisionCode, request.DepartmentCode, request.Year], context.CancellationToken)
            : null;
        return record is null
            ? throw new NotFoundException($"部门 {request.DivisionCode}/{request.DepartmentCode} 尚无 {request.Year} 年度整体绩效目标。")
            : ToProto(record);
    }

    private static void RequireGoalsVersion(SetDepartmentGoalsRequest request, long current)
    {
        if (request.Version == current) return;
        var goals = $"部门 {request.DivisionCode}/{request.DepartmentCode} 的 {request.Year} 年度整体绩效目标";
        throw new ConcurrencyConflictException(current == 0
            ? $"{goals}尚未设置，首次设置时版本号 version 应为 0（提交所依据的版本 {request.Version}）。"
            : $"{goals}已被修改（当前版本 {current}，提交所依据的版本 {request.Version}），请重新读取后再修改。");
    }

    private static DepartmentGoals ToProto(DepartmentGoalsRecord r) => new()
    {
        DivisionCode = r.DivisionCode,
        DepartmentCode = r.DepartmentCode,
        Year = r.Year,
        OverallGoal = r.OverallGoal,
        ItemGoals = { r.ItemGoals },
        SafeguardMeasures = r.SafeguardMeasures,
        Version = r.Version,
    };
}
