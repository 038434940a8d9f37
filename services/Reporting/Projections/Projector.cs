using System.Text.Json;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Contracts.Indicators;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Contracts.Registry;

namespace PerfPlatform.Reporting.Projections;

/// <summary>
/// Applies one event to the read model, inside the caller's transaction. Each aggregate's events pass the version gate,
/// so a duplicate or an older event that arrives late changes nothing; the same code serves live events and rebuilds.
/// </summary>
public sealed class Projector(ReportingDb db)
{
    private static readonly JsonSerializerOptions Json = OutboxMessage.Json;

    public async Task ApplyAsync(object message, CancellationToken ct)
    {
        switch (message)
        {
            case DivisionRegistered e when await Gate("division", e.DivisionCode, e.Version, ct):
                await LockNames(e.DivisionCode, shared: false, ct);
                await Sql(ct, $"""
                    INSERT INTO rm_divisions (code, name) VALUES ({e.DivisionCode}, {e.Name})
                    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
                    """);
                await Sql(ct, $"""
                    UPDATE rm_summary SET division_name = {e.Name}
                    WHERE division_code = {e.DivisionCode} AND division_name IS DISTINCT FROM {e.Name}
                    """);
                break;
            case DepartmentRegistered e when await Gate("department", $"{e.DivisionCode}/{e.DepartmentCode}", e.Version, ct):
                await LockNames(e.DivisionCode, shared: false, ct);
                await Sql(ct, $"""
                    INSERT INTO rm_departments (division_code, code, name) VALUES ({e.DivisionCode}, {e.DepartmentCode}, {e.Name})
                    ON CONFLICT (division_code, code) DO UPDATE SET name = EXCLUDED.name
                    """);
                await Sql(ct, $"""
                    UPDATE rm_summary SET department_name = {e.Name}
                    WHERE division_code = {e.DivisionCode} AND department_code = {e.DepartmentCode} AND department_name IS DISTINCT FROM {e.Name}
                    """);
                break;
            case UnitRegistered e when await Gate("unit", $"{e.DivisionCode}/{e.UnitCode}", e.Version, ct):
                await LockNames(e.DivisionCode, shared: false, ct);
                await Sql(ct, $"""
                    INSERT INTO rm_units (division_code, code, department_code, name)
                    VALUES ({e.DivisionCode}, {e.UnitCode}, {e.DepartmentCode}, {e.Name})
                    ON CONFLICT (division_code, code) DO UPDATE SET department_code = EXCLUDED.department_code, name = EXCLUDED.name
                    """);
                // The summary's rows carry the names (migration 0009), so that a page of units needs no join.
                await Sql(ct, $"""
                    UPDATE rm_summary SET unit_name = {e.Name}
                    WHERE level = 0 AND division_code = {e.DivisionCode} AND unit_code = {e.UnitCode} AND unit_name IS DISTINCT FROM {e.Name}
                    """);
                break;
            case DepartmentGoalsSet e when await Gate("department_goals", $"{e.DivisionCode}/{e.DepartmentCode}/{e.Year}", e.Version, ct):
                var items = JsonSerializer.Serialize(e.ItemGoals, Json);
                await Sql(ct, $"""
                    INSERT INTO rm_department_goals (division_code, department_code, year, overall_goal, item_goals, safeguard_measures)
                    VALUES ({e.DivisionCode}, {e.DepartmentCode}, {e.Year}, {e.OverallGoal}, {items}::jsonb, {e.SafeguardMeasures})
                    ON CONFLICT (division_code, department_code, year) DO UPDATE SET overall_goal = EXCLUDED.overall_goal,
                        item_goals = EXCLUDED.item_goals, safeguard_measures = EXCLUDED.safeguard_measures
                    """);
                break;
            case ProjectRegistered e when await Gate("project", e.ProjectCode, e.Version, ct):
                await Summarised(e.ProjectCode, () => UpsertProject(e.Project, ct), ct, findings: true);
                break;
            case ProjectChanged e when await Gate("project", e.ProjectCode, e.Version, ct):
                await Summarised(e.ProjectCode, () => UpsertProject(e.Project, ct), ct, findings: true);
                break;
            case IndicatorSetReplaced e when await Gate("indicator_set", e.ProjectCode, e.Version, ct):
                await Summarised(e.ProjectCode, async () =>
                {
                    await ReplaceIndicators(e, ct);
                    await QualityProjection.ReplaceRulesAsync(db, e, ct);
                }, ct, findings: true);
                break;
            case DisbursementRecorded e when await Gate("spending", e.ProjectCode, e.Version, ct):
                await Summarised(e.ProjectCode, () => Sql(ct, $"""
                    INSERT INTO rm_spending (project_code, spent_fiscal_fen, spent_other_fen)
                    VALUES ({e.ProjectCode}, {e.SpentFiscalFen}, {e.SpentOtherFen})
                    ON CONFLICT (project_code) DO UPDATE SET spent_fiscal_fen = EXCLUDED.spent_fiscal_fen, spent_other_fen = EXCLUDED.spent_other_fen
                    """), ct);
                break;
            case SpendingPlanSet e when await Gate("spending_plan", e.ProjectCode, e.Version, ct):
                var checkpoints = JsonSerializer.Serialize(e.Checkpoints, Json);
                await Sql(ct, $"""
                    INSERT INTO rm_spending_plans (project_code, checkpoints) VALUES ({e.ProjectCode}, {checkpoints}::jsonb)
                    ON CONFLICT (project_code) DO UPDATE SET checkpoints = EXCLUDED.checkpoints
                    """);
                break;
            case WarningChanged e when await Gate("warning", e.ProjectCode, e.Version, ct):
                await Summarised(e.ProjectCode, () => e.Level.Length == 0
                    ? Sql(ct, $"DELETE FROM rm_warnings WHERE project_code = {e.ProjectCode}")
                    : Sql(ct, $"""
                        INSERT INTO rm_warnings (project_code, level, message, lag_bp, raised_at)
                        VALUES ({e.ProjectCode}, {e.Level}, {e.Message}, {e.LagBp}, {e.RaisedOn!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)})
                        ON CONFLICT (project_code) DO UPDATE SET level = EXCLUDED.level, message = EXCLUDED.message, lag_bp = EXCLUDED.lag_bp
                        """), ct);
                break;
            case MonitoringRoundOpened e when await Gate("monitoring_round", e.RoundId.ToString(), 1, ct):
                await MonitoringProjection.UpsertRoundAsync(db, e, ct);
                break;
            case MonitoringFormChanged e when await Gate("monitoring_form", $"{e.RoundId}/{e.ProjectCode}", e.Version, ct):
                await MonitoringProjection.UpsertFormAsync(db, e, ct);
                break;
            case SelfEvaluationChanged e when await Gate("self_evaluation", e.ProjectCode, e.Version, ct):
                await EvaluationProjection.ApplyAsync(db, e, ct);
                break;
            default:
                // An event this read model does not use, or an older version of an aggregate it already holds.
                break;
        }
    }

    /// <summary>
    /// The order in which a batch applies its events: by division, then year, then project, the order of the locks they
    /// take (the names' lock is the division's, <see cref="Summarised"/>'s the division and year's). Two batches that take
    /// locks in the same order cannot each hold one the other waits for. The sort is stable: a project's events keep the
    /// queue's order.
    /// </summary>
    public static string LockOrder(object message) => message switch
    {
        DivisionRegistered e => e.DivisionCode,
        DepartmentRegistered e => e.DivisionCode,
        UnitRegistered e => e.DivisionCode,
        DepartmentGoalsSet e => e.DivisionCode,
        ProjectRegistered e => e.ProjectCode,
        ProjectChanged e => e.ProjectCode,
        IndicatorSetReplaced e => e.ProjectCode,
        DisbursementRecorded e => e.ProjectCode,
        SpendingPlanSet e => e.ProjectCode,
        WarningChanged e => e.ProjectCode,
        MonitoringRoundOpened e => e.DivisionCode,
        MonitoringFormChanged e => e.ProjectCode,
        SelfEvaluationChanged e => e.ProjectCode,
        _ => "",
    };

    /// <summary>The project with its budget in force (the approved one once there is one) and its status as it is.</summary>
    private async Task UpsertProject(ProjectSnapshot p, CancellationToken ct)
    {
        var goals = JsonSerializer.Serialize(p.Goals, Json);
        var budget = p.EffectiveBudget();
        await Sql(ct, $"""
            INSERT INTO rm_projects (code, division_code, department_code, unit_code, year, name, purpose, goals,
                                     total_fen, fiscal_fen, other_fen, status, predecessor_code)
            VALUES ({p.Code}, {p.DivisionCode}, {p.DepartmentCode}, {p.UnitCode}, {p.Year}, {p.Name}, {p.Purpose}, {goals}::jsonb,
                    {budget.TotalFen}, {budget.FiscalFen}, {budget.OtherFen}, {p.Status}, {p.PredecessorCode})
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, purpose = EXCLUDED.purpose, goals = EXCLUDED.goals,
                total_fen = EXCLUDED.total_fen, fiscal_fen = EXCLUDED.fiscal_fen, other_fen = EXCLUDED.other_fen,
                status = EXCLUDED.status, predecessor_code = EXCLUDED.predecessor_code
            """);
    }

    private async Task ReplaceIndicators(IndicatorSetReplaced e, CancellationToken ct)
    {
        await Sql(ct, $"DELETE FROM rm_indicators WHERE project_code = {e.ProjectCode}");
        for (var i = 0; i < e.Indicators.Count; i++)
        {
            var x = e.Indicators[i];
            await Sql(ct, $"""
                INSERT INTO rm_indicators (project_code, position, level1, level2, name, description, target, basis, target_kind,
                                           errors, warnings, infos)
                VALUES ({e.ProjectCode}, {i}, {x.Level1}, {x.Level2}, {x.Name}, {x.Description}, {x.Target}, {x.Basis}, {x.TargetKind},
                        {x.Findings?.Errors ?? 0}, {x.Findings?.Warnings ?? 0}, {x.Findings?.Infos ?? 0})
                """);
        }
        await Sql(ct, $"""
            INSERT INTO rm_indicator_sets (project_code, errors, warnings, infos, indicators)
            VALUES ({e.ProjectCode}, {e.Findings.Errors}, {e.Findings.Warnings}, {e.Findings.Infos}, {e.Indicators.Count})
            ON CONFLICT (project_code) DO UPDATE SET errors = EXCLUDED.errors, warnings = EXCLUDED.warnings, infos = EXCLUDED.infos,
                indicators = EXCLUDED.indicators
            """);
    }

    /// <summary>
    /// Changes a project's rows with the summary's aggregates kept equal to them: its contribution taken out before the
    /// change and put back after, in the caller's transaction (migration 0005_summary_aggregates.sql); with
    /// <paramref name="findings"/>, the data-quality scorecard's too (migration 0012_quality_aggregates.sql), for the
    /// changes that move a filed project or its findings.
    /// </summary>
    /// <remarks>
    /// Each kind of event has its own consumer, so two events of one project (its budget and a payment, say) can be
    /// applied at once; each would take out the same old contribution and put back half of the new one. And two projects
    /// moving in opposite directions between two aggregate rows (one from submitted to approved, the other back) would
    /// each hold one row and wait for the other's: a deadlock. A lock on the project's division and year (the first
    /// eight characters of its code, which never change), held to the end of the transaction, serializes the changes
    /// of every project whose aggregate rows could meet, and no other.
    /// </remarks>
    private async Task Summarised(string projectCode, Func<Task> change, CancellationToken ct, bool findings = false)
    {
        var divisionYear = projectCode.Length >= 8 ? projectCode[..8] : projectCode;
        await Sql(ct, $"SELECT pg_advisory_xact_lock(hashtextextended({divisionYear}, 0))");
        await LockNames(projectCode.Length >= 6 ? projectCode[..6] : projectCode, shared: true, ct);
        await Apply(-1);
        await change();
        await Apply(1);

        Task<int> Apply(int sign) => findings
            ? Sql(ct, $"SELECT rm_summary_apply({projectCode}, {sign}), rm_quality_apply({projectCode}, {sign})")
            : Sql(ct, $"SELECT rm_summary_apply({projectCode}, {sign})");
    }

    /// <summary>
    /// The summary's rows carry their division's, departments' and units' names (migration 0009): a project's new row
    /// reads them from rm_units and the like, and a registration writes them into the rows already there. Without a lock,
    /// a unit registered while its first project is applied could miss the row being inserted, and the project could read
    /// the unit before it commits: the row would keep no name. Projects share the division's lock; a registration takes it
    /// alone, so each sees what the other committed.
    /// </summary>
    private Task<int> LockNames(string divisionCode, bool shared, CancellationToken ct)
    {
        var key = $"names:{divisionCode}";
        return shared
            ? Sql(ct, $"SELECT pg_advisory_xact_lock_shared(hashtextextended({key}, 0))")
            : Sql(ct, $"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))");
    }

    private Task<bool> Gate(string type, string id, long version, CancellationToken ct) => db.TryAdvanceAsync(type, id, version, ct);

    private Task<int> Sql(CancellationToken ct, FormattableString sql) => db.Database.ExecuteSqlInterpolatedAsync(sql, ct);
}
