using System.Text.Json;
using PerfPlatform.Contracts.Registry;
using Xunit;

namespace PerfPlatform.ProjectRegistry.Tests;

public sealed class ProjectSnapshotTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void An_event_sent_before_the_predecessor_was_carried_still_reads_and_a_new_one_carries_it()
    {
        const string old = """
            {"code":"13063621T39PTY2WF094A","divisionCode":"130636","departmentCode":"434","unitCode":"434001","year":2021,
             "name":"购置公务用车项目经费","purpose":"购置9座客车一辆","goals":["1"],"totalFen":18000000,"fiscalFen":18000000,
             "otherFen":0,"status":"approved","revision":1,"version":3,"updatedAt":"2021-03-01T00:00:00+00:00",
             "approvedBudget":{"totalFen":18000000,"fiscalFen":18000000,"otherFen":0}}
            """;
        var read = JsonSerializer.Deserialize<ProjectSnapshot>(old, Json)!;
        Assert.Null(read.PredecessorCode);
        Assert.Equal(18_000_000, read.EffectiveBudget().TotalFen);

        var carried = JsonSerializer.Deserialize<ProjectSnapshot>(JsonSerializer.Serialize(read with { PredecessorCode = "13063620AAAAAAAAAAAAA" }, Json), Json)!;
        Assert.Equal("13063620AAAAAAAAAAAAA", carried.PredecessorCode);
    }
}
