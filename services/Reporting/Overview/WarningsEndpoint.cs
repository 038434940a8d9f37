using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PerfPlatform.Contracts;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.ServiceDefaults.Auth;
using PerfPlatform.ServiceDefaults.Errors;

namespace PerfPlatform.Reporting;

/// <summary>Open spending warnings (预警) across units, worst first; a department sees only its own units'.</summary>
public sealed partial class ReportingService
{
    public override async Task<ListWarningsResponse> ListWarnings(ListWarningsRequest request, ServerCallContext context)
    {
        new Violations()
            .When(request.Year is < 2000 or > 2099, "year", "请指定预算年度（2000 至 2099）。")
            .When(request.DivisionCode.Length > 0 && !Codes.IsDivision(request.DivisionCode), "division_code", "行政区划代码应为 6 位数字。")
            .When(request.UnitCode.Length > 0 && !Codes.IsUnit(request.UnitCode), "unit_code", "单位代码应为 6 位数字。")
            .ThrowIfAny();
        var caller = context.Caller();
        await using var cmd = dataSource.CreateCommand("""
            SELECT w.project_code, p.name, p.division_code, p.unit_code, w.level, w.message, w.lag_bp, w.raised_at
            FROM rm_warnings w JOIN rm_projects p ON p.code = w.project_code
            WHERE p.year = @year AND (@division = '' OR p.division_code = @division) AND (@unit = '' OR p.unit_code = @unit)
              AND (@all OR (p.division_code || ':' || p.unit_code) = ANY(@units))
            ORDER BY w.lag_bp DESC, w.project_code
            """);
        cmd.Parameters.AddWithValue("year", request.Year);
        cmd.Parameters.AddWithValue("division", request.DivisionCode);
        cmd.Parameters.AddWithValue("unit", request.UnitCode);
        cmd.Parameters.AddWithValue("all", caller.IsFinance);
        cmd.Parameters.AddWithValue("units", caller.UnitKeys.ToArray());
        var response = new ListWarningsResponse();
        await using var reader = await cmd.ExecuteReaderAsync(context.CancellationToken);
        while (await reader.ReadAsync(context.CancellationToken))
            response.Warnings.Add(new WarningView
            {
                ProjectCode = reader.GetString(0),
                ProjectName = reader.GetString(1),
                DivisionCode = reader.GetString(2),
                UnitCode = reader.GetString(3),
                Level = reader.GetString(4),
                Message = reader.GetString(5),
                LagBp = reader.GetInt32(6),
                RaisedTime = Timestamp.FromDateTime(DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc)),
            });
        return response;
    }
}
