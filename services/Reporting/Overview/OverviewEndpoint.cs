using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Reporting.V1;

namespace PerfPlatform.Reporting;

/// <summary>A unit's projects with status, money, execution, warnings and findings: what its officials look at first.</summary>
public sealed partial class ReportingService
{
    public override async Task<UnitOverviewResponse> GetUnitOverview(UnitOverviewRequest request, ServerCallContext context)
    {
        new Violations()
            .DivisionCode(request.DivisionCode)
            .UnitCode(request.UnitCode)
            .Year(request.Year)
            .ThrowIfAny();
        context.Caller().RequireUnit(request.DivisionCode, request.UnitCode);

        await using var cmd = dataSource.CreateCommand("""
            SELECT p.code, p.name, p.status, p.total_fen, p.fiscal_fen, p.other_fen,
                   COALESCE(s.spent_fiscal_fen, 0) + COALESCE(s.spent_other_fen, 0),
                   COALESCE(w.level, ''), COALESCE(w.message, ''),
                   COALESCE(i.errors, 0), COALESCE(i.warnings, 0), COALESCE(i.infos, 0),
                   COALESCE(i.indicators, 0),
                   (SELECT name FROM rm_units u WHERE u.division_code = p.division_code AND u.code = p.unit_code)
            FROM rm_projects p
            LEFT JOIN rm_spending s ON s.project_code = p.code
            LEFT JOIN rm_warnings w ON w.project_code = p.code
            LEFT JOIN rm_indicator_sets i ON i.project_code = p.code
            WHERE p.division_code = @division AND p.unit_code = @unit AND p.year = @year
            ORDER BY p.code
            """);
        cmd.Parameters.AddWithValue("division", request.DivisionCode);
        cmd.Parameters.AddWithValue("unit", request.UnitCode);
        cmd.Parameters.AddWithValue("year", request.Year);
        var response = new UnitOverviewResponse { DivisionCode = request.DivisionCode, UnitCode = request.UnitCode, Year = request.Year };
        var total = new SummaryRow { Key = "total", Name = "合计", Budget = new Budget(), Findings = new FindingTotals() };
        await using (var reader = await cmd.ExecuteReaderAsync(context.CancellationToken))
        {
            while (await reader.ReadAsync(context.CancellationToken))
            {
                var project = new ProjectOverview
                {
                    Code = reader.GetString(0),
                    Name = reader.GetString(1),
                    Status = reader.GetString(2),
                    Budget = new Budget
                    {
                        TotalFen = reader.GetInt64(3),
                        FiscalFen = reader.GetInt64(4),
                        OtherFen = reader.GetInt64(5),
                    },
                    SpentFen = reader.GetInt64(6),
                    WarningLevel = reader.GetString(7),
                    WarningMessage = reader.GetString(8),
                    Findings = new FindingTotals { Errors = reader.GetInt32(9), Warnings = reader.GetInt32(10), Infos = reader.GetInt32(11) },
                    IndicatorCount = reader.GetInt32(12),
                };
                project.ExecutionBp = BasisPoints.Ratio(project.SpentFen, project.Budget.TotalFen);
                response.UnitName = reader.IsDBNull(13) ? "" : reader.GetString(13);
                response.Projects.Add(project);
                Accumulate(total, project);
            }
        }
        total.ExecutionBp = BasisPoints.Ratio(total.SpentFen, total.Budget.TotalFen);
        response.Total = total;
        return response;
    }

    private static void Accumulate(SummaryRow total, ProjectOverview p)
    {
        total.ProjectCount += 1;
        total.Budget.TotalFen += p.Budget.TotalFen;
        total.Budget.FiscalFen += p.Budget.FiscalFen;
        total.Budget.OtherFen += p.Budget.OtherFen;
        total.SpentFen += p.SpentFen;
        total.OpenWarnings += p.WarningLevel.Length > 0 ? 1 : 0;
        total.Findings.Errors += p.Findings.Errors;
        total.Findings.Warnings += p.Findings.Warnings;
        total.Findings.Infos += p.Findings.Infos;
        total.IndicatorCount += p.IndicatorCount;
    }
}
