using Grpc.Core;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.Reliability.Tests;

public sealed partial class BadInputSweepTests
{
    /// <summary>
    /// The monitoring routes: the round (opening it again answers the same round), the reads and saves of one draft form, and
    /// each workflow action on a form of its own, brought back after an accepted request (a submitted form returned, a
    /// returned one submitted again) or replaced by a new form in the state the action needs.
    /// </summary>
    private async Task<List<SweepRoute>> MonitoringRoutesAsync(string finance, string own)
    {
        var roundId = await fixture.RoundIdAsync();
        var draft = await fixture.DraftFormAsync();
        var financeClient = MonitoringForms.Client(fixture, finance);
        var ownClient = MonitoringForms.Client(fixture, own);
        var form = new Dictionary<string, string> { ["round_id"] = roundId };
        MonitoringFormAction On(string code) => new() { ProjectCode = code, RoundId = roundId, Comment = "扫描" };

        async Task<SweepRoute> Action(string action, string state, string token, Func<string, Task> back)
        {
            var values = new Dictionary<string, string>(form) { ["project_code"] = await fixture.NewFormAsync(state) };
            return new()
            {
                Method = "POST", Template = "/v1/projects/{project_code}/monitoring/{round_id}:" + action, Token = token, Values = values,
                Body = """{"version":0,"comment":"扫描意见"}""",
                Restore = async _ =>
                {
                    try { await back(values["project_code"]); }
                    catch (RpcException) { values["project_code"] = await fixture.NewFormAsync(state); }
                },
            };
        }

        return
        [
            new()
            {
                Method = "POST", Template = "/v1/monitoring/rounds", Token = finance,
                Body = $$"""{"year":2021,"divisionCode":"{{PlatformFixture.Division}}","asOf":"{{MonitoringForms.AsOf}}","deadline":"2021-08-15"}""",
            },
            Read("/v1/monitoring/rounds?year=2021&divisionCode=130636", own),
            Read("/v1/monitoring/rounds/{round_id}/forms?unitCode=434001&page.pageSize=5&page.pageToken=", finance, form),
            Read("/v1/projects/{project_code}/monitoring/{round_id}", own, new(form) { ["project_code"] = draft }),
            Read($"/v1/reports/monitoring?roundId={roundId}&groupBy=unit", own),
            new()
            {
                Method = "PUT", Template = "/v1/projects/{project_code}/monitoring/{round_id}", Token = own,
                Values = new(form) { ["project_code"] = draft },
                Body = """{"version":0,"expectedSpentFen":9000000,"indicators":[{"index":0,"reached":"30000人","expected":"47244人","likelihood":"确定能"},{"index":1,"reached":"80%","expected":"85%","likelihood":"有可能","cause":"其他","causeText":"调查推迟","measure":"加强宣传"}]}""",
            },
            await Action("submit", "draft", own, c => financeClient.ReturnFormAsync(On(c)).ResponseAsync),
            await Action("return", "submitted", finance, c => ownClient.SubmitFormAsync(On(c)).ResponseAsync),
            await Action("accept", "submitted", finance, _ => throw new RpcException(new Status(StatusCode.FailedPrecondition, "accepted for good"))),
            await Action("rectified", "accepted", own, _ => throw new RpcException(new Status(StatusCode.FailedPrecondition, "rectified for good"))),
        ];
    }
}
