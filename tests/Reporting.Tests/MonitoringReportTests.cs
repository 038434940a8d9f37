using Grpc.Core;
using Npgsql;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reporting.Tests;

/// <summary>The monitoring report from MonitoringRoundOpened and MonitoringFormChanged: the newest version of each form wins.</summary>
public sealed class MonitoringReportTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private const string A = "13063621MONITORAAAAAA", B = "13063621MONITORBBBBBB", C = "13063621MONITORCCCCCC";

    private static MonitoringFormChanged Form(Guid round, string code, string unit, long version, string status, long budget, long expected,
        int impossible = 0, bool rectified = false) =>
        new(round, code, "130636", unit, 2021, version, status, budget, 0, expected, 0, 5000, impossible,
            impossible > 0 || expected < budget, impossible > 0 ? ["EXE-06 指标完全不可能完成"] : [], rectified, DateTimeOffset.UtcNow);

    private async Task<Guid> PublishRoundAsync()
    {
        var round = Guid.NewGuid();
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new MonitoringRoundOpened(round, 2021, "130636", new DateOnly(2021, 7, 31), new DateOnly(2021, 8, 15), "finance-test"),
            // A's newest version is accepted and rectified; the older draft arrives after it and changes nothing.
            Form(round, A, "434001", 5, PerformanceStatuses.Accepted, 10_000_000, 9_000_000, impossible: 1, rectified: true),
            Form(round, A, "434001", 1, PerformanceStatuses.Draft, 10_000_000, 10_000_000),
            Form(round, B, "434002", 2, PerformanceStatuses.Submitted, 5_000_000, 4_999_999, impossible: 2),
            Form(round, C, "435001", 1, PerformanceStatuses.Draft, 1_000_000, 1_000_000));
        await using var connection = await fixture.OpenDatabaseAsync();
        await Eventually.Until(async () =>
        {
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM event_log WHERE payload->>'roundId' = @round", connection);
            cmd.Parameters.AddWithValue("round", round.ToString());
            return (long)(await cmd.ExecuteScalarAsync())!;
        }, logged => logged == 5, "Reporting to log the round's 5 events");
        return round;
    }

    [Fact]
    public async Task Forms_filed_accepted_needing_rectification_and_the_reduction_candidates_by_department()
    {
        var round = await PublishRoundAsync();
        var report = await fixture.Reporting.GetMonitoringReportAsync(new MonitoringReportRequest { RoundId = round.ToString() });

        Assert.Equal((2021, "130636", "2021-07-31"), (report.Year, report.DivisionCode, report.AsOf));
        Assert.Equal([("130636/434", "顺平县人民政府办公室", 2, 2, 1, 2, 1, 3, 2, 1_000_001L), ("130636/435", "顺平县教育局", 1, 0, 0, 0, 0, 0, 0, 0L)],
            report.Rows.Select(r => (r.Key, r.Name, r.Forms, r.Filed, r.Accepted, r.NeedingRectification, r.Rectified, r.ImpossibleIndicators,
                r.ReductionCandidates, r.ReductionFen)));
        Assert.Equal((3, 2, 1, 2, 1, 3, 2, 1_000_001L), (report.Total.Forms, report.Total.Filed, report.Total.Accepted,
            report.Total.NeedingRectification, report.Total.Rectified, report.Total.ImpossibleIndicators, report.Total.ReductionCandidates,
            report.Total.ReductionFen));
        Assert.Equal([(A, 1_000_000L), (B, 1L)], report.ReductionCandidates.Select(c => (c.ProjectCode, c.ReductionFen)));

        var byUnit = await fixture.Reporting.GetMonitoringReportAsync(new MonitoringReportRequest { RoundId = round.ToString(), GroupBy = "unit" });
        Assert.Equal(["130636/434001", "130636/434002", "130636/435001"], byUnit.Rows.Select(r => r.Key));
    }

    [Fact]
    public async Task A_unit_sees_only_its_own_forms_and_bad_input_is_refused_naming_the_field()
    {
        var round = await PublishRoundAsync();
        var unit = fixture.ReportingFor(fixture.Stack.DepartmentToken("130636", "434002"));
        var own = await unit.GetMonitoringReportAsync(new MonitoringReportRequest { RoundId = round.ToString(), GroupBy = "unit" });
        Assert.Equal([("130636/434002", 1, 2)], own.Rows.Select(r => (r.Key, r.Forms, r.ImpossibleIndicators)));
        Assert.Equal([B], own.ReductionCandidates.Select(c => c.ProjectCode));

        var badGrouping = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Reporting.GetMonitoringReportAsync(new MonitoringReportRequest { RoundId = round.ToString(), GroupBy = "rule" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badGrouping.StatusCode);
        Assert.Contains("group_by", badGrouping.Status.Detail);
        var badRound = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Reporting.GetMonitoringReportAsync(new MonitoringReportRequest { RoundId = "7月" }).ResponseAsync);
        Assert.Contains("round_id", badRound.Status.Detail);
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Reporting.GetMonitoringReportAsync(new MonitoringReportRequest { RoundId = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_gauges_count_forms_per_round_and_open_rectifications()
    {
        await PublishRoundAsync();
        using var metrics = fixture.Stack.Http(PlatformStack.Reporting, null);
        var text = await Eventually.Until(async () => await metrics.GetStringAsync("/metrics"),
            t => t.Contains("perf_monitoring_rectifications_open"), "the monitoring gauges to refresh");
        Assert.Contains(text.Split('\n'), l => l.StartsWith("perf_monitoring_forms{") && l.Contains("as_of=\"2021-07-31\"") && l.Contains("status=\"accepted\""));
        // B needs rectification and has not reported it done; A has.
        var open = text.Split('\n').Where(l => l.StartsWith("perf_monitoring_rectifications_open{") && l.Contains("department=\"434\"")).ToList();
        Assert.NotEmpty(open);
        Assert.All(open, l => Assert.True(double.Parse(l.Split(' ')[^1]) >= 1, l));
    }
}
