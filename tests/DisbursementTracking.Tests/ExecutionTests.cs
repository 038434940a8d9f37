using Google.Rpc;
using Grpc.Core;
using PerfPlatform.Protos.Disbursement.V1;
using Xunit;

namespace PerfPlatform.DisbursementTracking.Tests;

/// <summary>BatchGetExecutions: a list's projects in one call, each as GetExecution answers it alone.</summary>
public sealed class ExecutionTests(DisbursementFixture fixture) : IClassFixture<DisbursementFixture>
{
    private Task Pay(string project, long fen, string date, string source = "fiscal") =>
        fixture.Disbursement.RecordDisbursementAsync(new RecordDisbursementRequest
        {
            ProjectCode = project, VoucherId = $"EXE-{Guid.NewGuid():N}"[..30], Date = date, AmountFen = fen, FundSource = source, Note = "测试",
        }).ResponseAsync;

    [Fact]
    public async Task Executions_asked_together_equal_each_asked_alone_in_the_order_asked_without_what_the_caller_may_not_see()
    {
        var behind = await fixture.NewProjectAsync(1_000_00);
        var paid = await fixture.NewProjectAsync(1_000_00, 500_00);
        var otherUnit = await fixture.NewProjectAsync(1_000_00, unit: "434002");
        await Pay(paid, 400_00, "2021-05-01");
        await Pay(paid, 50_00, "2021-06-01", "other");
        await Pay(paid, 100_00, "2021-08-01", "other"); // after the date asked: not counted
        await Pay(otherUnit, 50_00, "2021-06-30");
        const string unknown = "13063621ZZZZZZZZZZZZZ";
        var request = new BatchGetExecutionsRequest { ProjectCodes = { otherUnit, behind, unknown, paid }, AsOf = "2021-07-01" };

        var batch = await fixture.Disbursement.BatchGetExecutionsAsync(request);
        Assert.Equal([otherUnit, behind, paid], batch.Executions.Select(e => e.ProjectCode));
        foreach (var execution in batch.Executions)
            Assert.Equal(await fixture.Disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = execution.ProjectCode, AsOf = "2021-07-01" }),
                execution);
        Assert.Equal([(50_00L, 3000 - 500), (0L, 3000), (450_00L, 0)], batch.Executions.Select(e => (e.SpentFen, e.LagBp)));
        Assert.All(batch.Executions, e => Assert.Equal(10000, e.YearEndBp)); // a plan reaches 100% (PlanRules)
        Assert.Equal("red", batch.Executions[1].Warning.Level);

        var department = fixture.For(fixture.Stack.DepartmentToken("130636", "434001"));
        Assert.Equal([behind, paid], (await department.BatchGetExecutionsAsync(request)).Executions.Select(e => e.ProjectCode));
    }

    public static TheoryData<string, string[], string> BadRequests() => new()
    {
        { "no code", [], "project_codes" },
        { "201 codes", Enumerable.Range(0, 201).Select(i => $"13063621A{i:000000000000}").ToArray(), "project_codes" },
        { "a code twice", ["13063621AAAAAAAAAAAAA", "13063621AAAAAAAAAAAAA"], "project_codes" },
        { "a malformed code", ["13063621AAAAAAAAAAAAA", "130636"], "project_codes[1]" },
        { "a malformed date", ["13063621AAAAAAAAAAAAA"], "as_of" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_list_is_invalid_argument_naming_its_field(string why, string[] codes, string field)
    {
        var request = new BatchGetExecutionsRequest { ProjectCodes = { codes }, AsOf = field == "as_of" ? "2021-02-30" : "2021-07-01" };
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.BatchGetExecutionsAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.True(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).SequenceEqual([field]), why);
    }
}
