using System.Globalization;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.Reporting.Evaluation;

namespace PerfPlatform.Reporting;

/// <summary>GET /v1/reports/evaluation?year=&amp;divisionCode=&amp;groupBy=department|unit|grade.</summary>
public sealed partial class ReportingService
{
    private const int MaxProjectsPage = 1000;

    public override async Task<EvaluationReportResponse> GetEvaluationReport(EvaluationReportRequest request, ServerCallContext context)
    {
        var groupBy = request.GroupBy.Length == 0 ? "department" : request.GroupBy;
        new Violations()
            .Year(request.Year)
            .DivisionCode(request.DivisionCode, optional: true)
            .GroupBy(groupBy, EvaluationReport.Groupings)
            .Page(request.ProjectsPage, MaxProjectsPage, MaxProjectsPage, PageTokens.IsOffset, out var page, "projects_page")
            .ThrowIfAny();
        var report = new EvaluationReport(dataSource);
        var (rows, total) = await report.RunAsync(request.Year, request.DivisionCode, groupBy, context.Caller(), context.CancellationToken);
        var response = new EvaluationReportResponse { Rows = { rows.Select(ToProto) }, Total = ToProto(total) };
        if (!request.IncludeProjects) return response;
        // The projects listed are those the total counts as evaluated (submitted or accepted), in the same scope.
        var paged = request.ProjectsPage is not null;
        response.Projects.AddRange(await report.ProjectsAsync(request.Year, request.DivisionCode, context.Caller(), context.CancellationToken,
            paged ? page : null));
        if (paged) response.ProjectsPage = page.OffsetAnswer(total.Evaluated);
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
