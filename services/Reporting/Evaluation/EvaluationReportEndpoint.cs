using System.Globalization;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.Reporting.Evaluation;

namespace PerfPlatform.Reporting;

/// <summary>GET /v1/reports/evaluation?year=&amp;divisionCode=&amp;groupBy=department|unit|grade.</summary>
public sealed partial class ReportingService
{
    public override async Task<EvaluationReportResponse> GetEvaluationReport(EvaluationReportRequest request, ServerCallContext context)
    {
        var groupBy = request.GroupBy.Length == 0 ? "department" : request.GroupBy;
        new Violations()
            .Year(request.Year)
            .DivisionCode(request.DivisionCode, optional: true)
            .When(!EvaluationReport.Groupings.Contains(groupBy), "group_by", $"分组方式应为 {string.Join("、", EvaluationReport.Groupings)} 之一。")
            .ThrowIfAny();
        var (rows, total) = await new EvaluationReport(dataSource).RunAsync(request.Year, request.DivisionCode, groupBy, context.Caller(),
            context.CancellationToken);
        var response = new EvaluationReportResponse { Rows = { rows.Select(ToProto) }, Total = ToProto(total) };
        if (request.IncludeProjects)
            response.Projects.AddRange(await new EvaluationReport(dataSource).ProjectsAsync(request.Year, request.DivisionCode, context.Caller(),
                context.CancellationToken));
        return response;
    }

    private static EvaluationReportRow ToProto(EvaluationFigures f) => new()
    {
        Key = f.Key,
        Name = f.Name,
        Evaluated = f.Evaluated,
        Accepted = f.Accepted,
        AverageScore = f.Average?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
        Grades = { EvaluationReport.GradeOrder.Select(g => new GradeCount { Grade = g, Count = f.Grades.GetValueOrDefault(g) }) },
    };
}
