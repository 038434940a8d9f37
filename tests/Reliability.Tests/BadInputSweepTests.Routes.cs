using System.Text.Json.Nodes;
using Grpc.Core;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Reliability.Tests;

public sealed partial class BadInputSweepTests
{
    // New codes and names for creates, shared by every sweep of the process so that no two ever meet.
    private static int _division = 900_000, _department = 500, _unit = 434_100, _voucher, _library;

    private static string Next(ref int counter, string format) => Interlocked.Increment(ref counter).ToString(format);

    /// <summary>
    /// Every REST route with a valid request. Writes act on entities of their own (a project in the workflow state the
    /// action needs, a library indicator) or create under a new code; a route whose request, once accepted, could not
    /// be repeated is restored after each accepted request (the next code, the version just answered, a new project).
    /// </summary>
    private async Task<List<SweepRoute>> RoutesAsync()
    {
        var finance = fixture.Stack.FinanceToken();
        var own = fixture.Stack.DepartmentToken(PlatformFixture.Division, PlatformFixture.OwnUnit);
        var d = new Dictionary<string, string> { ["division_code"] = PlatformFixture.Division };
        var p = new Dictionary<string, string> { ["project_code"] = PlatformFixture.Project };
        var unit = new Dictionary<string, string> { ["division_code"] = PlatformFixture.Division, ["unit_code"] = PlatformFixture.OwnUnit };

        var division = Next(ref _division, "000000");
        var department = Next(ref _department, "000");
        var unitCode = Next(ref _unit, "000000");
        var voucher = "SWEEP-" + Next(ref _voucher, "00000");
        var batchVoucher = "SWEEP-" + Next(ref _voucher, "00000");
        var libraryName = "清扫面积" + Next(ref _library, "0000");

        // Last year's project that the created and edited projects name as their predecessor (结果应用).
        var earlier = Requests.CreateProject();
        (earlier.Project.Code, earlier.Project.Year, earlier.Project.Name) = ("", 2020, "可靠性测试上年度项目");
        var predecessor = (await Registry().CreateProjectAsync(earlier)).Code;
        var edited = await fixture.NewProjectAsync(ProjectStatus.Draft);
        var editedVersion = (await Registry().GetProjectAsync(new GetProjectRequest { ProjectCode = edited })).Version;
        var indicators = await fixture.NewProjectAsync(ProjectStatus.Draft);
        var paid = await fixture.NewProjectAsync(ProjectStatus.Draft);
        await WaitForDisbursementAsync(paid);
        var planned = await fixture.NewProjectAsync(ProjectStatus.Draft);
        // The edited library indicator lives in a level-2 place of its own: a place holds each name once, and while an
        // edit renamed it to a swept name ("abc"), a create of that name in the same place was refused, then accepted
        // when sent again after the edit had moved on (the long form's "refused the first time, accepted the second").
        var library = await new CatalogueClient(fixture.Gateway(finance)).CreateLibraryIndicatorAsync(new LibraryIndicator
        {
            Level1 = "产出指标", Level2 = EditedLibraryPlace, Name = "清扫面积" + Next(ref _library, "0000"), Description = "d", RecommendedUnit = "平方米",
            Direction = Direction.Higher,
        });
        var libraryVersion = library.Version;
        var goalsVersion = (await Registry().GetDepartmentGoalsAsync(new GetDepartmentGoalsRequest
        {
            DivisionCode = PlatformFixture.Division, DepartmentCode = "434", Year = 2021,
        })).Version;

        // An accepted review action moved the project on: the actions that bring it back (returned projects may be
        // submitted again, an approved one adjusted), or, should they fail, a new project in the state the action needs.
        var registry = Registry();
        ReviewActionRequest On(string code) => new() { ProjectCode = code, Comment = "扫描" };
        SweepRoute Review(string action, ProjectStatus state, string comment, string code, params Func<string, Task>[] back)
        {
            var values = new Dictionary<string, string> { ["project_code"] = code };
            return new()
            {
                Method = "POST", Template = "/v1/projects/{project_code}:" + action, Body = $$"""{"version":0,"comment":"{{comment}}"}""", Token = finance,
                Values = values,
                Restore = async _ =>
                {
                    try { foreach (var step in back) await step(values["project_code"]); }
                    catch (RpcException) { values["project_code"] = await fixture.NewProjectAsync(state); }
                },
            };
        }

        var evaluated = await EvaluationRequests.ApprovedAsync(fixture);
        var toSubmit = new Dictionary<string, string> { ["project_code"] = await EvaluationRequests.NewAsync(fixture, submitted: false) };
        var toReview = new Dictionary<string, string> { ["project_code"] = await EvaluationRequests.NewAsync(fixture, submitted: true) };

        return
        [
            new()
            {
                Method = "PUT", Template = "/v1/projects/{project_code}/self-evaluation", Token = finance, Values = new() { ["project_code"] = evaluated },
                Body = EvaluationRequests.PutBody,
            },
            new()
            {
                Method = "POST", Template = "/v1/projects/{project_code}/self-evaluation:submit", Token = finance, Values = toSubmit, Body = """{"version":0}""",
                Restore = async _ => toSubmit["project_code"] = await EvaluationRequests.NewAsync(fixture, submitted: false),
            },
            new()
            {
                Method = "POST", Template = "/v1/projects/{project_code}/self-evaluation:review", Token = finance, Values = toReview,
                Body = """{"version":0,"comment":"复核","items":[{"index":0,"score":"40"}]}""",
                Restore = async _ => toReview["project_code"] = await EvaluationRequests.NewAsync(fixture, submitted: true),
            },
            Read("/v1/projects/{project_code}/self-evaluation", own, new() { ["project_code"] = evaluated }),
            Read("/v1/reports/evaluation?year=2021&divisionCode=130636&groupBy=unit&includeProjects=true&projectsPage.pageSize=10&projectsPage.pageToken=", finance),
            Read("/v1/public/divisions/{division_code}/years/{year}/evaluations.json", own, new(d) { ["year"] = "2021" }),
            Read("/v1/public/divisions/{division_code}/years/{year}/evaluations.csv", own, new(d) { ["year"] = "2021" }),
            Read("/v1/projects/{project_code}/self-evaluation/document?format=html", own, new() { ["project_code"] = evaluated }),
            new()
            {
                Method = "POST", Template = "/v1/divisions", Body = """{"code":"","name":"测试县"}""", Token = finance,
                Fresh = { ["code"] = () => division }, Restore = _ => Task.FromResult(division = Next(ref _division, "000000")),
            },
            new()
            {
                Method = "POST", Template = "/v1/divisions/{division_code}/departments", Body = """{"code":"","name":"测试部门"}""", Token = finance,
                Values = new(d), Fresh = { ["code"] = () => department }, Restore = _ => Task.FromResult(department = Next(ref _department, "000")),
            },
            new()
            {
                Method = "POST", Template = "/v1/divisions/{division_code}/units", Body = """{"code":"","departmentCode":"434","name":"测试单位"}""", Token = finance,
                Values = new(d), Fresh = { ["code"] = () => unitCode }, Restore = _ => Task.FromResult(unitCode = Next(ref _unit, "000000")),
            },
            new()
            {
                Method = "PUT", Template = "/v1/divisions/{division_code}/departments/{department_code}/years/{year}/goals",
                Body = """{"version":0,"overallGoal":"保障工作正常运转","itemGoals":["完成支出"],"safeguardMeasures":"加强管理"}""", Token = finance,
                Values = new(d) { ["department_code"] = "434", ["year"] = "2021" },
                Fresh = { ["version"] = () => goalsVersion }, Restore = answer => Task.FromResult(goalsVersion = Version(answer)),
            },
            new()
            {
                Method = "POST", Template = "/v1/divisions/{division_code}/units/{unit_code}/projects", Token = finance, Values = new(unit),
                Body = $$"""{"code":"","year":2021,"name":"扫描项目","purpose":"测试","goals":["完成支出"],"budget":{"totalFen":100000,"fiscalFen":100000,"otherFen":0},"predecessorCode":"{{predecessor}}"}""",
            },
            new()
            {
                Method = "PATCH", Template = "/v1/projects/{project_code}", Token = finance, Values = new() { ["project_code"] = edited },
                Body = $$"""{"version":1,"name":"新名称","purpose":"测试","goals":["完成支出"],"budget":{"totalFen":100000,"fiscalFen":100000,"otherFen":0},"predecessorCode":"{{predecessor}}"}""",
                Fresh = { ["version"] = () => editedVersion }, Restore = answer => Task.FromResult(editedVersion = Version(answer)),
            },
            Review("submit", ProjectStatus.Draft, "提交", await fixture.NewProjectAsync(ProjectStatus.Draft),
                c => registry.ReturnProjectAsync(On(c)).ResponseAsync),
            Review("return", ProjectStatus.Submitted, "请补充", await fixture.NewProjectAsync(ProjectStatus.Submitted),
                c => registry.SubmitProjectAsync(On(c)).ResponseAsync),
            Review("approve", ProjectStatus.Submitted, "同意", await fixture.NewProjectAsync(ProjectStatus.Submitted),
                c => registry.AdjustProjectAsync(On(c)).ResponseAsync, c => registry.SubmitProjectAsync(On(c)).ResponseAsync),
            Review("adjust", ProjectStatus.Approved, "追加预算", await fixture.NewProjectAsync(ProjectStatus.Approved),
                c => registry.SubmitProjectAsync(On(c)).ResponseAsync, c => registry.ApproveProjectAsync(On(c)).ResponseAsync),
            new()
            {
                Method = "PUT", Template = "/v1/projects/{project_code}/indicators", Token = finance, Values = new() { ["project_code"] = indicators },
                Body = """{"version":0,"indicators":[{"level1":"产出指标","level2":"数量指标","name":"覆盖人口数量","description":"覆盖人口数","target":"≥1人","basis":"请示"}]}""",
            },
            new()
            {
                Method = "POST", Template = "/v1/projects/{project_code}/indicators:recordActuals", Token = finance, Values = new(p),
                Body = """{"period":"mid_year","values":[{"indicatorIndex":0,"value":"30000人"}]}""",
            },
            new()
            {
                Method = "POST", Template = "/v1/targets:lint", Token = finance, Stores = false,
                Body = """{"budgetYear":2021,"indicators":[{"level1":"产出指标","level2":"数量指标","name":"n","description":"d","target":"≥1台","basis":"b"}],"budgetFen":100,"purpose":"p","goals":["g"],"siblings":[{"projectCode":"13063621AAAAAAAAAAAAA","name":"s","indicators":[{"level1":"产出指标","level2":"数量指标","name":"n","description":"d","target":"≥1台","basis":"b"}]}]}""",
            },
            new()
            {
                Method = "POST", Template = "/v1/indicator-library", Token = finance,
                Body = """{"level1":"产出指标","level2":"数量指标","name":"","description":"d","recommendedUnit":"人","direction":"DIRECTION_HIGHER"}""",
                Fresh = { ["name"] = () => libraryName }, Restore = _ => Task.FromResult(libraryName = "清扫面积" + Next(ref _library, "0000")),
            },
            new()
            {
                Method = "PATCH", Template = "/v1/indicator-library/{id}", Token = finance, Values = new() { ["id"] = library.Id },
                Body = $$"""{"version":1,"level1":"产出指标","level2":"{{EditedLibraryPlace}}","name":"{{library.Name}}","description":"d","recommendedUnit":"平方米","direction":"DIRECTION_HIGHER"}""",
                Fresh = { ["version"] = () => libraryVersion }, Restore = answer => Task.FromResult(libraryVersion = Version(answer)),
            },
            new()
            {
                Method = "PUT", Template = "/v1/projects/{project_code}/spending-plan", Token = finance, Values = new() { ["project_code"] = planned },
                Body = """{"checkpoints":[{"month":3,"cumulativeBp":1000,"label":"3月底"},{"month":6,"cumulativeBp":3000},{"month":10,"cumulativeBp":6000},{"month":12,"cumulativeBp":10000}]}""",
            },
            new()
            {
                Method = "POST", Template = "/v1/projects/{project_code}/disbursements", Token = finance, Values = new() { ["project_code"] = paid },
                Body = """{"voucherId":"","date":"2021-05-01","amountFen":100,"fundSource":"fiscal","note":"n"}""",
                Fresh = { ["voucherId"] = () => voucher }, Restore = _ => Task.FromResult(voucher = "SWEEP-" + Next(ref _voucher, "00000")),
            },
            new()
            {
                Method = "POST", Template = "/v1/disbursements:batch", Token = finance,
                Body = $$"""{"rows":[{"projectCode":"{{paid}}","voucherId":"","date":"2021-05-01","amountFen":100,"fundSource":"fiscal","note":"n"}]}""",
                Fresh = { ["rows.0.voucherId"] = () => batchVoucher }, Restore = _ => Task.FromResult(batchVoucher = "SWEEP-" + Next(ref _voucher, "00000")),
                Committed = answer => answer?["committed"]?.GetValue<bool>() == true,
            },
            Read("/v1/reports/summary?year=2021&divisionCode=130636&groupBy=unit&orderBy=-budget&page.pageSize=10&page.pageToken=", finance),
            Read("/v1/projects/{project_code}/execution?asOf=2021-07-01", finance, p),
            new()
            {
                Method = "POST", Template = "/v1/executions:batchGet", Token = finance, Stores = false,
                Body = $$"""{"projectCodes":["{{paid}}"],"asOf":"2021-07-01"}""",
            },
            Read("/v1/warnings?year=2021&divisionCode=130636&unitCode=434001", finance),
            Read("/v1/divisions/{division_code}/units/{unit_code}/projects?year=2021&page.pageSize=10&page.pageToken=", finance, unit),
            Read("/v1/review-queue?year=2021&divisionCode=130636&page.pageSize=10&page.pageToken=", finance),
            Read("/v1/indicator-library?query=x&level1=产出指标&level2=数量指标&page.pageSize=10&page.pageToken=", finance),
            Read("/v1/divisions", own),
            Read("/v1/divisions/{division_code}/departments", own, d),
            Read("/v1/divisions/{division_code}/departments/{department_code}/years/{year}/goals", own, new(d) { ["department_code"] = "434", ["year"] = "2021" }),
            Read("/v1/divisions/{division_code}/units?departmentCode=434", own, d),
            Read("/v1/divisions/{division_code}/units/{unit_code}/overview?year=2021", own, unit),
            Read("/v1/divisions/{division_code}/units/{unit_code}/years/{year}/target-document?format=text", own, new(unit) { ["year"] = "2021" }),
            Read("/v1/frameworks?year=2021", own),
            Read("/v1/public/divisions/{division_code}/years/{year}/targets.json", own, new(d) { ["year"] = "2021" }),
            Read("/v1/public/divisions/{division_code}/years/{year}/targets.csv", own, new(d) { ["year"] = "2021" }),
            Read("/v1/checks", own),
            Read("/v1/projects/{project_code}", own, p),
            Read("/v1/projects/{project_code}/audit?page.pageSize=10&page.pageToken=", finance, p),
            Read("/v1/projects/{project_code}/disbursements?page.pageSize=10&page.pageToken=", own, p),
            Read("/v1/projects/{project_code}/indicators", own, p),
            Read("/v1/projects/{project_code}/indicators/audit?page.pageSize=10&page.pageToken=", own, p),
            Read("/v1/projects/{project_code}/revisions/{revision}", own, new(p) { ["revision"] = "1" }),
            Read("/v1/projects/{project_code}/spending-plan", own, p),
            Read("/v1/projects/{project_code}/spending-plan/audit?page.pageSize=10&page.pageToken=", own, p),
            Read("/v1/reports/quality?year=2021&groupBy=unit&divisionCode=130636&page.pageSize=10&page.pageToken=", finance),
            Read("/v1/audit?entityType=unit&entityKey=130636/434001&page.pageSize=10&page.pageToken=", finance),
            .. await MonitoringRoutesAsync(finance, own),
        ];
    }

    /// <summary>The level 2 of the library indicator the edit route renames; the create route creates under 数量指标.</summary>
    private const string EditedLibraryPlace = "质量指标";

    private static SweepRoute Read(string template, string token, Dictionary<string, string>? values = null) =>
        new() { Method = "GET", Template = template, Token = token, Values = values is null ? new() : new(values) };

    private static long Version(JsonNode? answer) => long.Parse(answer!["version"]!.ToString());

    private RegistryClient Registry() => new(fixture.Gateway(fixture.Stack.FinanceToken()));

    /// <summary>A payment needs the project in the disbursement service, which learns of it by its event.</summary>
    private async Task WaitForDisbursementAsync(string project)
    {
        var client = new Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient(fixture.Gateway(fixture.Stack.FinanceToken()));
        await Eventually.Succeeds(() => client.GetExecutionAsync(new() { ProjectCode = project, AsOf = "2021-07-01" }).ResponseAsync,
            e => e is RpcException { StatusCode: StatusCode.FailedPrecondition or StatusCode.NotFound });
    }
}
