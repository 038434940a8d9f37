using Grpc.Core;
using Grpc.Net.Client;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.ServiceDefaults.Auth;
using Xunit;
using Xunit.Abstractions;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using EvaluationClient = PerfPlatform.Protos.Indicators.V1.SelfEvaluation.SelfEvaluationClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using MonitoringClient = PerfPlatform.Protos.Indicators.V1.Monitoring.MonitoringClient;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// Every RPC through the gateway × no token, an expired token, a forged signature, the project's own department, another
/// department, the finance bureau: every allowed cell answers OK to a valid request (or the one answer listed where OK is
/// impossible); every other cell is refused, and its message names none of the unit's project data.
/// </summary>
public sealed partial class AuthorizationMatrixTests(PlatformFixture fixture, ITestOutputHelper output) : IClassFixture<PlatformFixture>
{
    /// <summary>Any signed-in caller; the finance role only; finance or the project's own unit; anyone at all (/v1/public/).</summary>
    private enum Policy { Any, Finance, Own, Public }

    private static readonly StatusCode[] Refusals = [StatusCode.Unauthenticated, StatusCode.PermissionDenied, StatusCode.NotFound];

    /// <summary>
    /// One RPC with a valid request about the fixture's data (repeatable: creates are identical, payments carry the same
    /// voucher, review actions act on a project prepared for each call). NamesProject: the request itself names the
    /// project, so a refusal may repeat its code.
    /// </summary>
    private sealed record Rpc(string Name, Policy Policy, Func<GrpcChannel, Task> Call, bool NamesProject = true);

    // What a refusal must not reveal of the own unit's project: its name, the department's goals, its voucher, its indicators.
    private static readonly string[] Secrets = ["可靠性测试项目", "保障工作正常运转", "REL-0001", "群众满意度"];

    private Rpc[] Rpcs()
    {
        var d = PlatformFixture.Division;
        var p = PlatformFixture.Project;
        return
        [
            new("ListDivisions", Policy.Any, c => new RegistryClient(c).ListDivisionsAsync(new ListDivisionsRequest()).ResponseAsync, false),
            new("ListDepartments", Policy.Any, c => new RegistryClient(c).ListDepartmentsAsync(new ListDepartmentsRequest { DivisionCode = d }).ResponseAsync, false),
            new("ListUnits", Policy.Any, c => new RegistryClient(c).ListUnitsAsync(new ListUnitsRequest { DivisionCode = d }).ResponseAsync, false),
            new("CreateDivision", Policy.Finance, c => new RegistryClient(c).CreateDivisionAsync(new CreateDivisionRequest { Code = d, Name = "顺平县" }).ResponseAsync, false),
            new("CreateDepartment", Policy.Finance, c => new RegistryClient(c).CreateDepartmentAsync(new CreateDepartmentRequest { DivisionCode = d, Code = "434", Name = "顺平县人民政府办公室" }).ResponseAsync, false),
            new("CreateUnit", Policy.Finance, c => new RegistryClient(c).CreateUnitAsync(new CreateUnitRequest { DivisionCode = d, Code = "434001", DepartmentCode = "434", Name = "434001" }).ResponseAsync, false),
            new("SetDepartmentGoals", Policy.Own, c => new RegistryClient(c).SetDepartmentGoalsAsync(Requests.Goals()).ResponseAsync, false),
            new("GetDepartmentGoals", Policy.Own, c => new RegistryClient(c).GetDepartmentGoalsAsync(new GetDepartmentGoalsRequest { DivisionCode = d, DepartmentCode = "434", Year = 2021 }).ResponseAsync, false),
            new("CreateProject", Policy.Own, c => new RegistryClient(c).CreateProjectAsync(Requests.CreateProject()).ResponseAsync),
            new("GetProject", Policy.Own, c => new RegistryClient(c).GetProjectAsync(new GetProjectRequest { ProjectCode = p }).ResponseAsync),
            new("ListProjects", Policy.Own, c => new RegistryClient(c).ListProjectsAsync(new ListProjectsRequest { DivisionCode = d, UnitCode = "434001" }).ResponseAsync, false),
            new("ListReviewQueue", Policy.Finance, c => new RegistryClient(c).ListReviewQueueAsync(new ListReviewQueueRequest { Year = 2021, DivisionCode = d }).ResponseAsync, false),
            new("UpdateProject", Policy.Own, c => new RegistryClient(c).UpdateProjectAsync(new UpdateProjectRequest { ProjectCode = p, Project = new Project { Version = 1, Name = "可靠性测试项目" } }).ResponseAsync),
            new("SubmitProject", Policy.Own, async c => await new RegistryClient(c).SubmitProjectAsync(
                new ReviewActionRequest { ProjectCode = await fixture.NewProjectAsync(ProjectStatus.Draft) })),
            new("ApproveProject", Policy.Finance, async c => await new RegistryClient(c).ApproveProjectAsync(
                new ReviewActionRequest { ProjectCode = await fixture.NewProjectAsync(ProjectStatus.Submitted), Comment = "同意" })),
            new("ReturnProject", Policy.Finance, async c => await new RegistryClient(c).ReturnProjectAsync(
                new ReviewActionRequest { ProjectCode = await fixture.NewProjectAsync(ProjectStatus.Submitted), Comment = "请补充" })),
            new("AdjustProject", Policy.Own, async c => await new RegistryClient(c).AdjustProjectAsync(
                new ReviewActionRequest { ProjectCode = await fixture.NewProjectAsync(ProjectStatus.Approved), Comment = "追加预算" })),
            new("GetProjectRevision", Policy.Own, c => new RegistryClient(c).GetProjectRevisionAsync(new GetProjectRevisionRequest { ProjectCode = p, Revision = 1 }).ResponseAsync),
            new("ListAuditEntries", Policy.Own, c => new RegistryClient(c).ListAuditEntriesAsync(new ListAuditEntriesRequest { ProjectCode = p }).ResponseAsync),
            new("ListFrameworks", Policy.Any, c => new CatalogueClient(c).ListFrameworksAsync(new ListFrameworksRequest()).ResponseAsync, false),
            new("SearchLibrary", Policy.Any, c => new CatalogueClient(c).SearchLibraryAsync(new SearchLibraryRequest { Query = "满意" }).ResponseAsync, false),
            // A name of its own each time: the library refuses a second indicator of the same name.
            new("CreateLibraryIndicator", Policy.Finance, c => new CatalogueClient(c).CreateLibraryIndicatorAsync(new LibraryIndicator
            {
                Level1 = "产出指标", Level2 = "数量指标", Name = $"矩阵测试指标{Guid.NewGuid():N}"[..14], Description = "测试", RecommendedUnit = "人",
                Direction = Direction.Higher,
            }).ResponseAsync, false),
            // The stored indicator sent back unchanged, at its current version.
            new("UpdateLibraryIndicator", Policy.Finance, async c => await new CatalogueClient(c).UpdateLibraryIndicatorAsync(await CurrentLibraryIndicatorAsync()), false),
            new("PutIndicatorSet", Policy.Own, c => new CatalogueClient(c).PutIndicatorSetAsync(Requests.Indicators()).ResponseAsync),
            new("GetIndicatorSet", Policy.Own, c => new CatalogueClient(c).GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = p }).ResponseAsync),
            new("ListIndicatorSetAudit", Policy.Own, c => new CatalogueClient(c).ListIndicatorSetAuditAsync(new ListProjectAuditRequest { ProjectCode = p }).ResponseAsync),
            new("RecordActuals", Policy.Own, c => new CatalogueClient(c).RecordActualsAsync(new RecordActualsRequest { ProjectCode = p, Period = "mid_year", Values = { new RecordActualsRequest.Types.ActualEntry { IndicatorIndex = 0, Value = "30000人" } } }).ResponseAsync),
            new("ListChecks", Policy.Any, c => new CatalogueClient(c).ListChecksAsync(new ListChecksRequest()).ResponseAsync, false),
            new("LintTargets", Policy.Any, c => new CatalogueClient(c).LintTargetsAsync(new LintTargetsRequest { BudgetYear = 2021, Indicators = { Requests.Indicators().Indicators } }).ResponseAsync, false),
            new("GetSelfEvaluation", Policy.Own, async c => await new EvaluationClient(c).GetSelfEvaluationAsync(new GetSelfEvaluationRequest { ProjectCode = await EvaluationRequests.ApprovedAsync(fixture) })),
            new("PutSelfEvaluation", Policy.Own, async c => await new EvaluationClient(c).PutSelfEvaluationAsync(EvaluationRequests.Put(await EvaluationRequests.ApprovedAsync(fixture)))),
            new("SubmitSelfEvaluation", Policy.Own, async c => await new EvaluationClient(c).SubmitSelfEvaluationAsync(
                new SubmitSelfEvaluationRequest { ProjectCode = await EvaluationRequests.NewAsync(fixture, submitted: false) })),
            new("ReviewSelfEvaluation", Policy.Finance, async c => await new EvaluationClient(c).ReviewSelfEvaluationAsync(
                new ReviewSelfEvaluationRequest { ProjectCode = await EvaluationRequests.NewAsync(fixture, submitted: true), Comment = "同意" })),
            new("GetSelfEvaluationDocument", Policy.Own, async c => await new EvaluationClient(c).GetSelfEvaluationDocumentAsync(
                new SelfEvaluationDocumentRequest { ProjectCode = await EvaluationRequests.ApprovedAsync(fixture), Format = "xlsx" })),
            new("OpenRound", Policy.Finance, c => new MonitoringClient(c).OpenRoundAsync(MonitoringForms.Round()).ResponseAsync, false),
            new("ListRounds", Policy.Any, c => new MonitoringClient(c).ListRoundsAsync(new ListMonitoringRoundsRequest { Year = 2021 }).ResponseAsync, false),
            new("ListRoundForms", Policy.Any, async c => await new MonitoringClient(c).ListRoundFormsAsync(new ListMonitoringFormsRequest
            {
                RoundId = await fixture.RoundIdAsync(), Page = new PageRequest { PageSize = 5 },
            }), false),
            new("GetForm", Policy.Own, async c => await new MonitoringClient(c).GetFormAsync(new GetMonitoringFormRequest
            {
                ProjectCode = await fixture.DraftFormAsync(), RoundId = await fixture.RoundIdAsync(),
            })),
            new("SaveForm", Policy.Own, async c => await new MonitoringClient(c).SaveFormAsync(
                MonitoringForms.Filing(await fixture.DraftFormAsync(), await fixture.RoundIdAsync()))),
            new("SubmitForm", Policy.Own, async c => await new MonitoringClient(c).SubmitFormAsync(new MonitoringFormAction
            {
                ProjectCode = await fixture.NewFormAsync("draft"), RoundId = await fixture.RoundIdAsync(),
            })),
            new("AcceptForm", Policy.Finance, async c => await new MonitoringClient(c).AcceptFormAsync(new MonitoringFormAction
            {
                ProjectCode = await fixture.NewFormAsync("submitted"), RoundId = await fixture.RoundIdAsync(), Comment = "同意",
            })),
            new("ReturnForm", Policy.Finance, async c => await new MonitoringClient(c).ReturnFormAsync(new MonitoringFormAction
            {
                ProjectCode = await fixture.NewFormAsync("submitted"), RoundId = await fixture.RoundIdAsync(), Comment = "请补充",
            })),
            new("MarkRectified", Policy.Own, async c => await new MonitoringClient(c).MarkRectifiedAsync(new MonitoringFormAction
            {
                ProjectCode = await fixture.NewFormAsync("accepted"), RoundId = await fixture.RoundIdAsync(), Comment = "已整改",
            })),
            new("PutSpendingPlan", Policy.Own, c => new DisbursementClient(c).PutSpendingPlanAsync(Requests.Plan()).ResponseAsync),
            new("GetSpendingPlan", Policy.Own, c => new DisbursementClient(c).GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = p }).ResponseAsync),
            new("ListSpendingPlanAudit", Policy.Own, c => new DisbursementClient(c).ListSpendingPlanAuditAsync(new ListProjectAuditRequest { ProjectCode = p }).ResponseAsync),
            new("RecordDisbursement", Policy.Finance, c => new DisbursementClient(c).RecordDisbursementAsync(Requests.Payment()).ResponseAsync),
            new("ListDisbursements", Policy.Own, c => new DisbursementClient(c).ListDisbursementsAsync(new ListDisbursementsRequest { ProjectCode = p }).ResponseAsync),
            new("RecordBatch", Policy.Finance, c => new DisbursementClient(c).RecordBatchAsync(new RecordBatchRequest { Rows = { Requests.Payment() } }).ResponseAsync),
            new("StreamBatch", Policy.Finance, async c =>
            {
                using var call = new DisbursementClient(c).StreamBatch();
                try
                {
                    await call.RequestStream.WriteAsync(Requests.Payment());
                    await call.RequestStream.CompleteAsync();
                }
                catch (RpcException)
                {
                    // The call was answered (a refused token, say) before the client finished writing: a write then
                    // fails as CANCELLED, and the answer itself is the call's status, read below.
                }
                await call;
            }),
            new("StreamBatchChunks", Policy.Finance, async c =>
            {
                using var call = new DisbursementClient(c).StreamBatchChunks();
                try
                {
                    await call.RequestStream.WriteAsync(new RecordBatchRequest { Rows = { Requests.Payment() } });
                    await call.RequestStream.CompleteAsync();
                }
                catch (RpcException)
                {
                    // answered before the client finished writing, as StreamBatch above
                }
                await call;
            }),
            new("GetExecution", Policy.Own, c => new DisbursementClient(c).GetExecutionAsync(new GetExecutionRequest { ProjectCode = p, AsOf = "2021-07-01" }).ResponseAsync),
            new("BatchGetExecutions", Policy.Any, c => new DisbursementClient(c).BatchGetExecutionsAsync(new BatchGetExecutionsRequest { ProjectCodes = { p }, AsOf = "2021-07-01" }).ResponseAsync),
            new("ListWarnings", Policy.Any, c => new DisbursementClient(c).ListWarningsAsync(new ListWarningsRequest { Year = 2021 }).ResponseAsync, false),
            new("GetQuality", Policy.Any, c => new ReportingClient(c).GetQualityAsync(new QualityRequest { Year = 2021 }).ResponseAsync, false),
            new("GetSummary", Policy.Any, c => new ReportingClient(c).GetSummaryAsync(new SummaryRequest { Year = 2021 }).ResponseAsync, false),
            new("GetUnitOverview", Policy.Own, c => new ReportingClient(c).GetUnitOverviewAsync(new UnitOverviewRequest { DivisionCode = d, UnitCode = "434001", Year = 2021 }).ResponseAsync, false),
            new("GetTargetDocument", Policy.Own, c => new ReportingClient(c).GetTargetDocumentAsync(new TargetDocumentRequest { DivisionCode = d, UnitCode = "434001", Year = 2021 }).ResponseAsync, false),
            new("GetPublicTargetsJson", Policy.Public, c => new ReportingClient(c).GetPublicTargetsJsonAsync(new PublicDisclosureRequest { DivisionCode = d, Year = 2021 }).ResponseAsync, false),
            new("GetPublicTargetsCsv", Policy.Public, c => new ReportingClient(c).GetPublicTargetsCsvAsync(new PublicDisclosureRequest { DivisionCode = d, Year = 2021 }).ResponseAsync, false),
            new("GetEvaluationReport", Policy.Any, c => new ReportingClient(c).GetEvaluationReportAsync(new EvaluationReportRequest { Year = 2021, GroupBy = "grade" }).ResponseAsync, false),
            new("GetPublicEvaluationsJson", Policy.Public, c => new ReportingClient(c).GetPublicEvaluationsJsonAsync(new PublicDisclosureRequest { DivisionCode = d, Year = 2021 }).ResponseAsync, false),
            new("GetPublicEvaluationsCsv", Policy.Public, c => new ReportingClient(c).GetPublicEvaluationsCsvAsync(new PublicDisclosureRequest { DivisionCode = d, Year = 2021 }).ResponseAsync, false),
            new("GetMonitoringReport", Policy.Any, async c => await new ReportingClient(c).GetMonitoringReportAsync(
                new MonitoringReportRequest { RoundId = await fixture.RoundIdAsync(), GroupBy = "unit" }), false),
            new("Echo", Policy.Any, c => new Diagnostics.DiagnosticsClient(c).EchoAsync(new EchoRequest { Payload = "x" }).ResponseAsync, false),
        ];
    }

    private async Task<LibraryIndicator> CurrentLibraryIndicatorAsync()
    {
        var library = await new CatalogueClient(fixture.Gateway(fixture.Stack.FinanceToken()))
            .SearchLibraryAsync(new SearchLibraryRequest { Query = "覆盖人口数量", Page = new PageRequest { PageSize = 100 } });
        return library.Indicators.Single(i => i.Id == fixture.LibraryId);
    }

    [Fact]
    public async Task Exactly_the_allowed_cells_get_through()
    {
        var key = fixture.Stack.SigningKey;
        var identities = new (string Name, string? Token, Func<Policy, bool> Allowed)[]
        {
            ("no token", null, p => p == Policy.Public),
            ("expired", DevTokens.Issue(key, "finance-expired", PerfClaims.FinanceRole, [], TimeSpan.FromMinutes(-5), "perfplatform-local", "perfplatform"), p => p == Policy.Public),
            ("forged", DevTokens.Finance(Convert.FromBase64String(DevTokens.NewSigningKey())), p => p == Policy.Public),
            ("own department", fixture.Stack.DepartmentToken(PlatformFixture.Division, PlatformFixture.OwnUnit), p => p is Policy.Any or Policy.Own or Policy.Public),
            ("other department", fixture.Stack.DepartmentToken(PlatformFixture.Division, PlatformFixture.OtherUnit), p => p is Policy.Any or Policy.Public),
            ("finance", fixture.Stack.FinanceToken(), _ => true),
        };
        var wrong = new List<string>();
        var cells = 0;
        foreach (var rpc in Rpcs())
        foreach (var identity in identities)
        {
            cells++;
            var code = StatusCode.OK;
            var message = "";
            try { await rpc.Call(fixture.Gateway(identity.Token)); }
            catch (RpcException e) { (code, message) = (e.StatusCode, e.Status.Detail); }
            var allowed = identity.Allowed(rpc.Policy);
            if (allowed ? code != StatusCode.OK : !Refusals.Contains(code))
                wrong.Add($"{rpc.Name} as {identity.Name}: {code} {message} (expected {(allowed ? "OK" : "a refusal")})");
            var revealed = allowed ? [] : Secrets.Append(rpc.NamesProject ? "" : PlatformFixture.Project).Where(s => s.Length > 0 && message.Contains(s)).ToList();
            if (revealed.Count > 0) wrong.Add($"{rpc.Name} as {identity.Name}: the refusal reveals {string.Join("、", revealed)}: {message}");
        }
        output.WriteLine($"{cells} cells checked, {wrong.Count} wrong");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_matrix_covers_every_rpc_of_every_service()
    {
        var methods = new[]
        {
            Protos.Registry.V1.ProjectRegistry.Descriptor, Protos.Indicators.V1.IndicatorCatalogue.Descriptor, Protos.Indicators.V1.SelfEvaluation.Descriptor,
            Protos.Disbursement.V1.DisbursementTracking.Descriptor, Protos.Reporting.V1.Reporting.Descriptor, Diagnostics.Descriptor,
            Protos.Indicators.V1.Monitoring.Descriptor,
        }.SelectMany(s => s.Methods.Select(m => m.Name)).Order().ToList();
        var covered = Rpcs().Select(r => r.Name.Split('(')[0]).Order().ToList();
        Assert.Equal(methods, covered);
    }

    /// <summary>
    /// Another department, and a caller whose token names the unit but no role (a provider's user not yet given one): the
    /// lists every signed-in caller may ask show them none of the unit's data.
    /// </summary>
    [Theory]
    [InlineData("other department")]
    [InlineData("no role")]
    public async Task Lists_open_to_every_caller_show_none_of_the_units_data_to_others(string who)
    {
        var token = who == "no role"
            ? DevTokens.Issue(fixture.Stack.SigningKey, "no-role", "viewer", [(PlatformFixture.Division, PlatformFixture.OwnUnit)], null,
                "perfplatform-local", "perfplatform")
            : fixture.Stack.DepartmentToken(PlatformFixture.Division, PlatformFixture.OtherUnit);
        var other = fixture.Gateway(token);
        var summary = await new ReportingClient(other).GetSummaryAsync(new SummaryRequest { Year = 2021, GroupBy = "unit" });
        Assert.Equal(0, summary.Total.ProjectCount);
        Assert.DoesNotContain(summary.Rows, r => r.Key.EndsWith(PlatformFixture.OwnUnit));
        var warnings = await new DisbursementClient(other).ListWarningsAsync(new ListWarningsRequest { Year = 2021 });
        Assert.DoesNotContain(warnings.Warnings, w => w.UnitCode == PlatformFixture.OwnUnit);
        Assert.Equal(warnings.Warnings.Count, warnings.Page.TotalSize); // nothing of the unit's past the first page either
        var executions = new BatchGetExecutionsRequest { ProjectCodes = { PlatformFixture.Project } };
        Assert.Empty((await new DisbursementClient(other).BatchGetExecutionsAsync(executions)).Executions);
        var monitoring = await new ReportingClient(other).GetMonitoringReportAsync(
            new MonitoringReportRequest { RoundId = await fixture.RoundIdAsync(), GroupBy = "unit" });
        Assert.DoesNotContain(monitoring.Rows, r => r.Key.EndsWith(PlatformFixture.OwnUnit));
        Assert.Equal(0, monitoring.Total.Forms);
        var finance = await new ReportingClient(fixture.Gateway(fixture.Stack.FinanceToken()))
            .GetSummaryAsync(new SummaryRequest { Year = 2021, GroupBy = "unit" });
        Assert.Contains(finance.Rows, r => r.Key.EndsWith(PlatformFixture.OwnUnit)); // the unit has data to hide
        Assert.Single((await new DisbursementClient(fixture.Gateway(fixture.Stack.FinanceToken())).BatchGetExecutionsAsync(executions)).Executions);
    }
}
