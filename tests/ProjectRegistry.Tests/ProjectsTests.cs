using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using Grpc.Core;
using Npgsql;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.ProjectRegistry.Tests;

public sealed class ProjectsTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private RegistryClient Finance => fixture.Finance;

    [Fact]
    public async Task A_filed_project_reads_back_field_for_field()
    {
        var input = Samples.VehiclePurchase();
        var created = await Finance.CreateProjectAsync(Samples.Create(input));
        var read = await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = input.Code });

        Assert.Equal(created, read);
        Assert.Equal(input.Code, read.Code);
        Assert.Equal(RegistryFixture.Division, read.DivisionCode);
        Assert.Equal(RegistryFixture.Unit, read.UnitCode);
        Assert.Equal(2021, read.Year);
        Assert.Equal(input.Name, read.Name);
        Assert.Equal(input.Purpose, read.Purpose);
        Assert.Equal(input.Goals, read.Goals);
        Assert.Equal(input.Budget, read.Budget);
        Assert.Equal(ProjectStatus.Draft, read.Status);
        Assert.Equal(1, read.Version);
        Assert.Equal(1, read.Revision);
    }

    [Fact]
    public async Task Odd_amounts_survive_to_the_fen()
    {
        var input = Samples.VehiclePurchase();
        input.Budget = new Budget { TotalFen = 290_045_001, FiscalFen = 290_045_000, OtherFen = 1 };
        await Finance.CreateProjectAsync(Samples.Create(input));
        var read = await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = input.Code });
        Assert.Equal(input.Budget, read.Budget);
    }

    [Fact]
    public async Task A_code_is_generated_when_none_is_given()
    {
        var input = Samples.VehiclePurchase();
        input.Code = "";
        var created = await Finance.CreateProjectAsync(Samples.Create(input));
        Assert.Matches("^13063621[0-9A-Z]{13}$", created.Code);
    }

    [Fact]
    public async Task A_wrong_budget_sum_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var input = Samples.VehiclePurchase();
        input.Budget.FiscalFen -= 1;
        var (_, fields) = await Errors.Expect(StatusCode.InvalidArgument, () => Finance.CreateProjectAsync(Samples.Create(input)).ResponseAsync);
        Assert.Contains("project.budget.total_fen", fields);
        await Errors.Expect(StatusCode.NotFound, () => Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = input.Code }).ResponseAsync);
        Assert.Equal(0, await CountRows("SELECT count(*) FROM projects WHERE code = @c", input.Code));
    }

    [Theory]
    [InlineData("130636216T39PTY2WF09")]
    [InlineData("130636216t39pty2wf094")]
    [InlineData("140636216T39PTY2WF094")]
    [InlineData("130636226T39PTY2WF094")]
    [InlineData("1306362<script>F0940000")]
    public async Task A_malformed_code_is_refused_naming_the_field(string code)
    {
        var input = Samples.VehiclePurchase(code);
        var (error, fields) = await Errors.Expect(StatusCode.InvalidArgument, () => Finance.CreateProjectAsync(Samples.Create(input)).ResponseAsync);
        Assert.Contains("project.code", fields);
        Assert.Contains("项目编码", error.Status.Detail);
        Assert.Equal(0, await CountRows("SELECT count(*) FROM projects WHERE code = @c", code));
    }

    [Fact]
    public async Task A_duplicate_code_with_other_content_is_refused_and_the_first_filing_is_kept()
    {
        var first = Samples.VehiclePurchase();
        await Finance.CreateProjectAsync(Samples.Create(first));
        var second = Samples.VehiclePurchase(first.Code);
        second.Name = "另一个项目";
        var (error, fields) = await Errors.Expect(StatusCode.AlreadyExists, () => Finance.CreateProjectAsync(Samples.Create(second)).ResponseAsync);
        Assert.Equal(["project.code"], fields);
        Assert.Contains(first.Name, error.Status.Detail);
        var read = await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = first.Code });
        Assert.Equal(first.Name, read.Name);
    }

    [Fact]
    public async Task Filing_the_same_project_twice_is_a_no_op()
    {
        var input = Samples.VehiclePurchase();
        var first = await Finance.CreateProjectAsync(Samples.Create(input));
        var again = await Finance.CreateProjectAsync(Samples.Create(input));
        Assert.Equal(first, again);
        Assert.Equal(1, await CountRows("SELECT count(*) FROM audit_entries WHERE entity_key = @c", input.Code));
    }

    [Fact]
    public async Task Editing_bumps_the_version_and_a_stale_version_is_aborted()
    {
        var input = Samples.VehiclePurchase();
        var created = await Finance.CreateProjectAsync(Samples.Create(input));
        var updated = await Finance.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = input.Code,
            Project = new Project { Version = created.Version, Purpose = "购置9座客车一辆（新能源）" },
        });
        Assert.Equal(2, updated.Version);
        Assert.Equal("购置9座客车一辆（新能源）", updated.Purpose);
        Assert.Equal(input.Name, updated.Name);

        await Errors.Expect(StatusCode.Aborted, () => Finance.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = input.Code,
            Project = new Project { Version = created.Version, Name = "过期的修改" },
        }).ResponseAsync);
        Assert.Equal(input.Name, (await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = input.Code })).Name);
    }

    [Fact]
    public async Task Two_concurrent_edits_of_one_version_let_exactly_one_win()
    {
        var created = await Finance.CreateProjectAsync(Samples.Create(Samples.VehiclePurchase()));
        var edits = Enumerable.Range(0, 6).Select(i => Finance.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = created.Code,
            Project = new Project { Version = created.Version, Name = $"并发修改{i}" },
        }).ResponseAsync).ToList();
        var outcomes = new List<StatusCode>();
        foreach (var edit in edits)
        {
            try { await edit; outcomes.Add(StatusCode.OK); }
            catch (RpcException e) { outcomes.Add(e.StatusCode); }
        }
        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes.Where(o => o != StatusCode.OK), o => Assert.Equal(StatusCode.Aborted, o));
        Assert.Equal(2, (await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = created.Code })).Version);
    }

    [Fact]
    public async Task A_budget_edit_is_validated_and_leaves_the_project_unchanged_when_wrong()
    {
        var created = await Finance.CreateProjectAsync(Samples.Create(Samples.VehiclePurchase()));
        var (_, fields) = await Errors.Expect(StatusCode.InvalidArgument, () => Finance.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = created.Code,
            Project = new Project { Version = created.Version, Budget = new Budget { TotalFen = 10, FiscalFen = 5, OtherFen = -5 } },
        }).ResponseAsync);
        Assert.Contains("project.budget.other_fen", fields);
        Assert.Equal(created, await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = created.Code }));
    }

    [Fact]
    public async Task Listing_pages_through_a_units_projects_in_code_order()
    {
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var p = Samples.VehiclePurchase();
            codes.Add(p.Code);
            await Finance.CreateProjectAsync(Samples.Create(p, RegistryFixture.OtherUnit));
        }
        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await Finance.ListProjectsAsync(new ListProjectsRequest
            {
                DivisionCode = RegistryFixture.Division, UnitCode = RegistryFixture.OtherUnit, Year = 2021,
                Page = new PageRequest { PageSize = 2, PageToken = token },
            });
            Assert.True(page.Projects.Count <= 2);
            seen.AddRange(page.Projects.Select(p => p.Code));
            token = page.Page.NextPageToken;
        } while (token.Length > 0);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Superset(codes.ToHashSet(), seen.ToHashSet());
    }

    [Fact]
    public async Task Every_change_is_audited_with_actor_and_before_after()
    {
        var created = await Finance.CreateProjectAsync(Samples.Create(Samples.VehiclePurchase()));
        await Finance.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = created.Code, Project = new Project { Version = 1, Name = "购置公务用车（调整名称）" },
        });
        var audit = await Finance.ListAuditEntriesAsync(new ListAuditEntriesRequest { ProjectCode = created.Code });
        Assert.Equal(["update", "create"], audit.Entries.Select(e => e.Action));
        Assert.All(audit.Entries, e => Assert.Equal("finance-test", e.Actor));
        var update = audit.Entries[0];
        Assert.Contains("购置公务用车项目经费", update.BeforeJson);
        Assert.Contains("购置公务用车（调整名称）", update.AfterJson);
        Assert.Equal("", audit.Entries[1].BeforeJson);
    }

    [Fact]
    public async Task Every_change_writes_an_event_with_an_increasing_version_and_the_outbox_drains()
    {
        var created = await Finance.CreateProjectAsync(Samples.Create(Samples.VehiclePurchase()));
        await Finance.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = created.Code, Project = new Project { Version = 1, Purpose = "变更用途" },
        });
        await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(fixture.Stack.Database(PlatformStack.Registry)));
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT message_type, (payload->>'version')::bigint FROM outbox_messages WHERE payload->>'projectCode' = @c ORDER BY sequence", connection);
        cmd.Parameters.AddWithValue("c", created.Code);
        var rows = new List<(string Type, long Version)>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("PerfPlatform.Contracts.Registry.ProjectRegistered", rows[0].Type);
        Assert.StartsWith("PerfPlatform.Contracts.Registry.ProjectChanged", rows[1].Type);
        Assert.Equal([1L, 2L], rows.Select(r => r.Version));

        await Eventually.Until(() => CountRows("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND payload->>'projectCode' = @c", created.Code),
            unsent => unsent == 0, "the outbox to drain");
    }

    private async Task<long> CountRows(string sql, string code)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(fixture.Stack.Database(PlatformStack.Registry)));
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("c", code);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
