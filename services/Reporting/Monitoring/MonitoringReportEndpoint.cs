using Npgsql;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Protos.Reporting.V1;

namespace PerfPlatform.Reporting;

/// <summary>GET /v1/reports/monitoring?roundId=&amp;groupBy=department|unit — a monitoring round's forms, by department or unit.</summary>
public sealed partial class ReportingService
{
    public static readonly string[] MonitoringGroupings = ["department", "unit"];

    private sealed record MonitoredForm(string ProjectCode, string DivisionCode, string UnitCode, string Status, long BudgetFen,
        long ExpectedSpentFen, int ImpossibleIndicators, bool NeedsRectification, bool Rectified)
    {
        public long ReductionFen => Math.Max(0, BudgetFen - ExpectedSpentFen);
    }

    public override async Task<MonitoringReportResponse> GetMonitoringReport(MonitoringReportRequest request, ServerCallContext context)
    {
        var groupBy = request.GroupBy.Length == 0 ? "department" : request.GroupBy;
        new Violations()
            .When(!Guid.TryParse(request.RoundId, out var roundId), "round_id", "请指定监控轮次编号（roundId）。")
            .GroupBy(groupBy, MonitoringGroupings)
            .ThrowIfAny();
        var ct = context.CancellationToken;
        var caller = context.Caller();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var response = new MonitoringReportResponse { RoundId = roundId.ToString() };
        await using (var cmd = new NpgsqlCommand("SELECT year, division_code, as_of FROM rm_monitoring_rounds WHERE id = @id", connection))
        {
            cmd.Parameters.AddWithValue("id", roundId);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) throw new NotFoundException($"监控轮次 {roundId} 不存在（刚开启的轮次需片刻同步到报表，请稍后重试）。");
            response.Year = reader.GetInt32(0);
            response.DivisionCode = reader.GetString(1);
            response.AsOf = reader.GetFieldValue<DateOnly>(2).ToString("yyyy-MM-dd");
        }
        var forms = new List<MonitoredForm>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT project_code, division_code, unit_code, status, budget_fen, expected_spent_fen, impossible_indicators,
                   needs_rectification, rectified
            FROM rm_monitoring_forms
            WHERE round_id = @id AND (@all OR (division_code || ':' || unit_code) = ANY(@units))
            """, connection))
        {
            cmd.Parameters.AddWithValue("id", roundId);
            cmd.Parameters.AddWithValue("all", caller.IsFinance);
            cmd.Parameters.AddWithValue("units", caller.UnitKeys.ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                forms.Add(new MonitoredForm(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                    reader.GetInt64(5), reader.GetInt32(6), reader.GetBoolean(7), reader.GetBoolean(8)));
        }

        var groups = forms.GroupBy(f => $"{f.DivisionCode}/{(groupBy == "unit" ? f.UnitCode : Codes.DepartmentOfUnit(f.UnitCode))}")
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var names = await GroupNames(groupBy, groups.Select(g => g.Key).ToArray(), ct);
        foreach (var group in groups)
            response.Rows.Add(MonitoringRow(group.Key, names.GetValueOrDefault(group.Key, group.Key), group.ToList()));
        response.Total = MonitoringRow("total", "合计", forms);
        response.ReductionCandidates.AddRange(forms.Where(f => f.ReductionFen > 0)
            .OrderByDescending(f => f.ReductionFen).ThenBy(f => f.ProjectCode, StringComparer.Ordinal)
            .Select(f => new ReductionCandidate
            {
                ProjectCode = f.ProjectCode, UnitCode = f.UnitCode, BudgetFen = f.BudgetFen, ExpectedSpentFen = f.ExpectedSpentFen, ReductionFen = f.ReductionFen,
            }));
        return response;
    }

    private static MonitoringReportRow MonitoringRow(string key, string name, IReadOnlyList<MonitoredForm> forms) => new()
    {
        Key = key,
        Name = name,
        Forms = forms.Count,
        Filed = forms.Count(f => f.Status is PerformanceStatuses.Submitted or PerformanceStatuses.Accepted),
        Accepted = forms.Count(f => f.Status == PerformanceStatuses.Accepted),
        Returned = forms.Count(f => f.Status == PerformanceStatuses.Returned),
        NeedingRectification = forms.Count(f => f.NeedsRectification),
        Rectified = forms.Count(f => f.NeedsRectification && f.Rectified),
        ImpossibleIndicators = forms.Sum(f => f.ImpossibleIndicators),
        ReductionCandidates = forms.Count(f => f.ReductionFen > 0),
        ReductionFen = forms.Sum(f => f.ReductionFen),
    };
}
