using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.Reporting.Summary;

namespace PerfPlatform.Reporting;

public sealed partial class ReportingService
{
    private const int MaxPageSize = 1000;
    private static readonly string[] Orders = ["key", "budget", "spent", "execution", "projects"];

    public override async Task<SummaryResponse> GetSummary(SummaryRequest request, ServerCallContext context)
    {
        var groupBy = request.GroupBy.Length == 0 ? "unit" : request.GroupBy;
        var order = request.OrderBy.TrimStart('-');
        new Violations()
            .Year(request.Year)
            .DivisionCode(request.DivisionCode, optional: true)
            .DepartmentCode(request.DepartmentCode, optional: true)
            .When(request.DepartmentCode.Length > 0 && request.DivisionCode.Length == 0, "department_code", "按部门查看时须同时指定行政区划（division_code）：部门代码只在一个行政区划内唯一。")
            .GroupBy(groupBy, SummaryQuery.Groupings)
            .When(order.Length > 0 && !Orders.Contains(order), "order_by", $"排序字段应为 {string.Join("、", Orders)} 之一，前加 - 表示降序。")
            .Page(request.Page, MaxPageSize, MaxPageSize, PageTokens.IsOffset, out var asked)
            .ThrowIfAny();

        var (size, offset) = (asked.Size, asked.Offset);
        var scope = new SummaryScope(request.Year, request.DivisionCode, request.DepartmentCode, context.Caller());
        var (page, groups, total) = await summaries.RunAsync(scope, groupBy, order, request.OrderBy.StartsWith('-'), offset, size,
            context.CancellationToken);
        var names = FixedNames(groupBy);
        var response = new SummaryResponse
        {
            Rows = { page.Select(r => ToProto(r, r.Name ?? names.GetValueOrDefault(r.Key, r.Key))) },
            Total = ToProto(total, "合计"),
            Page = asked.OffsetAnswer(groups),
        };
        if (await LastEventTime(context.CancellationToken) is { } last)
            response.LastEventTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(last);
        return response;
    }

    private static SummaryRow ToProto(SummaryFigures f, string name) => new()
    {
        Key = f.Key,
        Name = name,
        ProjectCount = f.Projects,
        Budget = new Budget { TotalFen = f.TotalFen, FiscalFen = f.FiscalFen, OtherFen = f.OtherFen },
        SpentFen = f.SpentFen,
        ExecutionBp = f.ExecutionBp,
        OpenWarnings = f.OpenWarnings,
        Findings = new FindingTotals { Errors = f.Errors, Warnings = f.Warnings, Infos = f.Infos },
        IndicatorCount = f.Indicators,
    };

    /// <summary>
    /// The names of the groupings whose keys are fixed. Divisions, departments and units have theirs in the aggregates
    /// (migration 0009); a key without a name (a unit not registered yet) shows the key.
    /// </summary>
    private static Dictionary<string, string> FixedNames(string groupBy) => groupBy switch
    {
        "status" => new[] { ProjectStatuses.Draft, ProjectStatuses.Submitted, ProjectStatuses.Approved, ProjectStatuses.Returned }
            .ToDictionary(s => s, ProjectStatuses.LabelOf),
        "fund_source" => FundSources.All.ToDictionary(s => s, FundSources.LabelOf),
        "predecessor_grade" => new Dictionary<string, string>
        {
            ["优"] = "上年评价：优", ["良"] = "上年评价：良", ["中"] = "上年评价：中", ["差"] = "上年评价：差",
            [SummaryQuery.NoPredecessorGrade] = "上年无评价结果",
        },
        _ => new Dictionary<string, string>(),
    };

    /// <summary>
    /// The names of the rows on a page, for the reports that do not keep them (quality, monitoring): a province has tens
    /// of thousands of units, and reading all their names on every request cost more than the report itself.
    /// </summary>
    private async Task<Dictionary<string, string>> GroupNames(string groupBy, string[] keys, CancellationToken ct)
    {
        var sql = groupBy switch
        {
            "division" => "SELECT code, name FROM rm_divisions WHERE code = ANY($1)",
            "department" => "SELECT d.division_code || '/' || d.code, d.name FROM rm_departments d "
                + "JOIN unnest($1::text[]) k ON d.division_code = split_part(k, '/', 1) AND d.code = split_part(k, '/', 2)",
            "unit" => "SELECT u.division_code || '/' || u.code, u.name FROM rm_units u "
                + "JOIN unnest($1::text[]) k ON u.division_code = split_part(k, '/', 1) AND u.code = split_part(k, '/', 2)",
            _ => null,
        };
        var names = FixedNames(groupBy);
        if (sql is null || keys.Length == 0) return names;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = keys });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names[reader.GetString(0)] = reader.GetString(1);
        return names;
    }

    /// <summary>The newest event's arrival, found by the log's primary key: max(received_at) would scan the whole log.</summary>
    private async Task<DateTimeOffset?> LastEventTime(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT received_at FROM event_log ORDER BY sequence DESC LIMIT 1");
        return await cmd.ExecuteScalarAsync(ct) is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }
}
