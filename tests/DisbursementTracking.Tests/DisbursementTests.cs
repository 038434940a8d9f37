using System.Net.Http.Json;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Npgsql;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.TestSupport;
using Xunit;
using GetProjectRequest = PerfPlatform.Protos.Registry.V1.GetProjectRequest;
using Project = PerfPlatform.Protos.Registry.V1.Project;
using ReviewActionRequest = PerfPlatform.Protos.Registry.V1.ReviewActionRequest;
using UpdateProjectRequest = PerfPlatform.Protos.Registry.V1.UpdateProjectRequest;

namespace PerfPlatform.DisbursementTracking.Tests;

public sealed class DisbursementTests(DisbursementFixture fixture) : IClassFixture<DisbursementFixture>
{
    private static RecordDisbursementRequest Pay(string project, string voucher, long fen, string date = "2021-03-10", string source = "fiscal") =>
        new() { ProjectCode = project, VoucherId = voucher, Date = date, AmountFen = fen, FundSource = source, Note = "测试" };

    private async Task<long> Spent(string project) =>
        (await fixture.Disbursement.ListDisbursementsAsync(new ListDisbursementsRequest { ProjectCode = project })).SpentFen;

    [Fact]
    public async Task The_same_voucher_counts_once_and_a_different_one_with_its_number_is_refused()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        var first = await fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-IDEM-1", 400_00));
        Assert.Equal(first, await fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-IDEM-1", 400_00)));
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-IDEM-1", 300_00)).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("voucher_id", error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Single().Field);
        Assert.Equal(400_00, await Spent(project));
    }

    [Fact]
    public async Task The_budget_follows_the_registry_s_events_and_a_late_older_one_changes_nothing()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        var filed = await fixture.Registry.GetProjectAsync(new GetProjectRequest { ProjectCode = project });
        await fixture.Registry.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = project, Project = new Project { Version = filed.Version, Budget = new Budget { TotalFen = 600_00, FiscalFen = 600_00 } },
        });
        async Task<long> Budget() =>
            (await fixture.Disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = project, AsOf = "2021-12-31" })).BudgetFen;
        await Eventually.Until(Budget, budget => budget == 600_00, "the budget change to arrive");
        var over = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-BUDGET-1", 700_00)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, over.StatusCode);

        // The first filing's event delivered again, late: the copy keeps the newer budget.
        await TestBus.PublishAsync(fixture.Stack.VirtualHost, new Contracts.Registry.ProjectRegistered(project, filed.Version,
            new Contracts.Registry.ProjectSnapshot(project, "130636", "434", "434001", 2021, filed.Name, filed.Purpose, filed.Goals.ToList(),
                1_000_00, 1_000_00, 0, "draft", 1, filed.Version, DateTimeOffset.UtcNow)));
        await fixture.WaitUntilConsumedAsync();
        Assert.Equal(600_00, await Budget());
        Assert.Equal(600_00, (await fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-BUDGET-2", 600_00))).AmountFen);
    }

    /// <summary>Changes the budget in the registry and waits until the disbursement service's copy has it.</summary>
    private async Task ChangeBudgetAsync(string project, long fiscalFen)
    {
        var filed = await fixture.Registry.GetProjectAsync(new GetProjectRequest { ProjectCode = project });
        await fixture.Registry.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = project, Project = new Project { Version = filed.Version, Budget = new Budget { TotalFen = fiscalFen, FiscalFen = fiscalFen } },
        });
        await Eventually.Until(async () => (await fixture.Disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = project, AsOf = "2021-12-31" })).BudgetFen,
            budget => budget == fiscalFen, "the budget change to arrive");
    }

    [Fact]
    public async Task A_refund_goes_in_after_the_budget_was_cut_below_what_was_spent_but_a_payment_does_not()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        await fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-CUT-1", 800_00));
        await ChangeBudgetAsync(project, 600_00);

        Assert.Equal(-100_00, (await fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-CUT-2", -100_00))).AmountFen);
        var batch = await fixture.Disbursement.RecordBatchAsync(new RecordBatchRequest { Rows = { Pay(project, "V-CUT-3", -50_00) } });
        Assert.True(batch.Committed, batch.ToString());
        Assert.Equal(650_00, await Spent(project));

        var payment = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-CUT-4", 1)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, payment.StatusCode);
        var batchPayment = await fixture.Disbursement.RecordBatchAsync(new RecordBatchRequest { Rows = { Pay(project, "V-CUT-5", 1) } });
        Assert.Equal([(0, "amount_fen")], batchPayment.Errors.Select(e => (e.Row, e.Field)));
        var belowZero = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-CUT-6", -650_01)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, belowZero.StatusCode);
        Assert.Equal(650_00, await Spent(project));
    }

    [Fact]
    public async Task Execution_far_beyond_the_budget_is_reported_not_an_internal_error()
    {
        var project = await fixture.NewProjectAsync(1_000_000_00);
        await fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-HUGE-1", 1_000_000_00));
        await ChangeBudgetAsync(project, 1_00);

        var execution = await fixture.Disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = project, AsOf = "2021-12-31" });
        Assert.Equal((1_00L, 1_000_000_00L, int.MaxValue, 0), (execution.BudgetFen, execution.SpentFen, execution.ExecutionBp, execution.LagBp));
        await fixture.SetClockAsync("2021-07-01T00:00:00Z"); // the warning sweep evaluates it too, and answers 200
        await fixture.SetClockAsync("2021-01-15T00:00:00Z");
    }

    [Fact]
    public async Task An_adjustment_draft_leaves_the_approved_budget_in_force_until_the_adjustment_is_approved()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project });
        await fixture.Registry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = project });
        var draft = await fixture.Registry.AdjustProjectAsync(new ReviewActionRequest { ProjectCode = project, Comment = "调减预算" });
        var edited = await fixture.Registry.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = project, Project = new Project { Version = draft.Version, Budget = new Budget { TotalFen = 600_00, FiscalFen = 600_00 } },
        });
        await fixture.WaitForRegistryVersionAsync(project, edited.Version);

        // The unapproved 600.00 does not bound payments: the approved 1,000.00 does.
        Assert.Equal(1_000_00, (await fixture.Disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = project, AsOf = "2021-12-31" })).BudgetFen);
        await fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-ADJ-1", 800_00));
        var over = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-ADJ-2", 200_01)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, over.StatusCode);

        // Once the adjustment is approved, its budget is the one in force.
        await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project });
        var approved = await fixture.Registry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = project });
        await fixture.WaitForRegistryVersionAsync(project, approved.Version);
        Assert.Equal(600_00, (await fixture.Disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = project, AsOf = "2021-12-31" })).BudgetFen);
        var overNow = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-ADJ-3", 1)).ResponseAsync);
        Assert.Contains("600.00", overNow.Status.Detail);
    }

    [Fact]
    public async Task A_plan_changes_only_while_the_project_is_a_draft_or_returned()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        var stored = await fixture.Disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = project });
        PutSpendingPlanRequest Lowered(int juneBp)
        {
            var request = new PutSpendingPlanRequest { ProjectCode = project, Checkpoints = { stored.Checkpoints.Select(c => c.Clone()) } };
            request.Checkpoints[1].CumulativeBp = juneBp;
            return request;
        }
        async Task<Grpc.Core.Status> Refused(int juneBp) =>
            (await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.PutSpendingPlanAsync(Lowered(juneBp)).ResponseAsync)).Status;

        var submitted = await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project });
        await fixture.WaitForRegistryVersionAsync(project, submitted.Version);
        var whileSubmitted = await Refused(1000);
        Assert.Equal(StatusCode.FailedPrecondition, whileSubmitted.StatusCode);
        Assert.Contains("已提交", whileSubmitted.Detail);

        var approved = await fixture.Registry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = project });
        await fixture.WaitForRegistryVersionAsync(project, approved.Version);
        var whileApproved = await Refused(1000); // lowering 6月底 on 1 July to clear a warning
        Assert.Equal(StatusCode.FailedPrecondition, whileApproved.StatusCode);
        Assert.Contains("调整", whileApproved.Detail);
        Assert.Equal(stored, await fixture.Disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = project }));

        var adjusting = await fixture.Registry.AdjustProjectAsync(new ReviewActionRequest { ProjectCode = project, Comment = "调整支出计划" });
        await fixture.WaitForRegistryVersionAsync(project, adjusting.Version);
        Assert.Equal(1000, (await fixture.Disbursement.PutSpendingPlanAsync(Lowered(1000))).Checkpoints[1].CumulativeBp);

        await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project });
        var returned = await fixture.Registry.ReturnProjectAsync(new ReviewActionRequest { ProjectCode = project, Comment = "请修改" });
        await fixture.WaitForRegistryVersionAsync(project, returned.Version);
        Assert.Equal(2000, (await fixture.Disbursement.PutSpendingPlanAsync(Lowered(2000))).Checkpoints[1].CumulativeBp);
    }

    [Fact]
    public async Task The_same_plan_again_changes_nothing_and_a_different_one_a_new_version()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        var stored = await fixture.Disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = project });
        var again = new PutSpendingPlanRequest { ProjectCode = project, Checkpoints = { stored.Checkpoints } };
        Assert.Equal(stored, await fixture.Disbursement.PutSpendingPlanAsync(again));
        again.Checkpoints[0].CumulativeBp = 2000;
        var changed = await fixture.Disbursement.PutSpendingPlanAsync(again);
        Assert.Equal((stored.Version + 1, 2000), (changed.Version, changed.Checkpoints[0].CumulativeBp));
    }

    [Fact]
    public async Task A_checkpoint_label_other_than_its_months_is_refused_naming_it_and_a_blank_one_is_the_months()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        var stored = await fixture.Disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = project });
        foreach (var label in new[] { new string('县', 20_000), "第一季度", "6月底" })
        {
            var request = new PutSpendingPlanRequest { ProjectCode = project, Checkpoints = { stored.Checkpoints.Select(c => c.Clone()) } };
            request.Checkpoints[0].Label = label;
            var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.PutSpendingPlanAsync(request).ResponseAsync);
            Assert.Equal((StatusCode.InvalidArgument, "checkpoints[0].label"),
                (refused.StatusCode, refused.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Single().Field));
            Assert.Contains("3月底", refused.Status.Detail);
        }
        Assert.Equal(stored, await fixture.Disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = project }));

        var blank = new PutSpendingPlanRequest { ProjectCode = project, Checkpoints = { stored.Checkpoints.Select(c => c.Clone()) } };
        foreach (var c in blank.Checkpoints) c.Label = "";
        blank.Checkpoints[0].CumulativeBp = 2000;
        var changed = await fixture.Disbursement.PutSpendingPlanAsync(blank);
        Assert.Equal(["3月底", "6月底", "10月底", "12月底"], changed.Checkpoints.Select(c => c.Label));
    }

    [Fact]
    public async Task Reversals_are_negative_and_the_total_stays_between_zero_and_the_budget_of_its_source()
    {
        var project = await fixture.NewProjectAsync(1_000_00, 200_00);
        await fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-REV-1", 600_00));
        await fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-REV-2", -100_00));
        Assert.Equal(500_00, await Spent(project));
        var below = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-REV-3", -600_00)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, below.StatusCode);
        var above = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-REV-4", 500_01)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, above.StatusCode);
        Assert.Contains("1000.00", above.Status.Detail);
        var otherTooMuch = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-REV-5", 200_01, source: "other")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, otherTooMuch.StatusCode);
        await fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-REV-6", 200_00, source: "other"));
        Assert.Equal(700_00, await Spent(project));
    }

    [Theory]
    [InlineData("", "2021-03-10", 100, "fiscal", "voucher_id")]
    [InlineData("V 1", "2021-03-10", 100, "fiscal", "voucher_id")]
    [InlineData("V-1", "2021-02-30", 100, "fiscal", "date")]
    [InlineData("V-1", "2021-03-10", 0, "fiscal", "amount_fen")]
    [InlineData("V-1", "2021-03-10", 100, "bank", "fund_source")]
    [InlineData("V-1", "1999-03-10", 100, "fiscal", "date")]
    public async Task Malformed_disbursements_name_their_field_and_store_nothing(string voucher, string date, long fen, string source, string field)
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.RecordDisbursementAsync(Pay(project, voucher, fen, date, source)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(field, error.Status.Detail);
        Assert.Equal(0, await Spent(project));
    }

    [Fact]
    public async Task Departments_may_not_record_unless_configured_and_never_for_other_units()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        var department = fixture.For(fixture.Stack.DepartmentToken("130636", "434001"));
        var denied = await Assert.ThrowsAsync<RpcException>(() => department.RecordDisbursementAsync(Pay(project, "V-DEPT-1", 100)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var other = fixture.For(fixture.Stack.DepartmentToken("130636", "434002"));
        var hidden = await Assert.ThrowsAsync<RpcException>(() => other.GetExecutionAsync(new GetExecutionRequest { ProjectCode = project }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        Assert.NotNull(await department.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = project }));
    }

    [Fact]
    public async Task A_department_cannot_tell_another_unit_s_project_from_one_that_does_not_exist()
    {
        var elsewhere = await fixture.NewProjectAsync(1_000_00, unit: "434001");
        const string unknown = "13063621NOSUCHPROJECT";
        var department = fixture.For(fixture.Stack.DepartmentToken("130636", "434002"));
        async Task<Grpc.Core.Status> Refusal(Func<string, AsyncUnaryCall<Execution>> call, string code) =>
            (await Assert.ThrowsAsync<RpcException>(() => call(code).ResponseAsync)).Status;
        AsyncUnaryCall<Execution> Execution(string code) => department.GetExecutionAsync(new GetExecutionRequest { ProjectCode = code });

        var other = await Refusal(Execution, elsewhere);
        var missing = await Refusal(Execution, unknown);
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (other.StatusCode, missing.StatusCode));
        Assert.Equal(other.Detail.Replace(elsewhere, "X"), missing.Detail.Replace(unknown, "X"));
        var plan = await Assert.ThrowsAsync<RpcException>(() => department.PutSpendingPlanAsync(new PutSpendingPlanRequest { ProjectCode = unknown }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, plan.StatusCode);

        // The finance bureau still learns that the project is not known (yet).
        var finance = await Assert.ThrowsAsync<RpcException>(() => fixture.Disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = unknown }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, finance.StatusCode);
    }

    [Fact]
    public async Task A_bad_configuration_stops_the_service_at_start_with_the_key_named()
    {
        ServiceProcess? started = null;
        InvalidOperationException? failed = null;
        try
        {
            started = await ServiceProcess.StartAsync(PlatformStack.Disbursement, TestEnvironment.FreePort(), TestEnvironment.FreePort(), new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = TestEnvironment.PgConnectionString(fixture.Stack.Database(PlatformStack.Disbursement)),
                ["RabbitMq__Port"] = TestEnvironment.RabbitPort.ToString(),
                ["RabbitMq__VirtualHost"] = fixture.Stack.VirtualHost,
                ["Auth__SigningKey"] = Convert.ToBase64String(fixture.Stack.SigningKey),
                ["Disbursement__YellowLagBp"] = "3000", ["Disbursement__RedLagBp"] = "2000",
            });
        }
        catch (InvalidOperationException e) { failed = e; }
        finally
        {
            if (started is not null) await started.DisposeAsync();
        }
        Assert.NotNull(failed);
        Assert.Contains("Disbursement:YellowLagBp (3000) and Disbursement:RedLagBp (2000)", failed.Message);
    }

    /// <summary>
    /// Stores the voucher for one project in a transaction of the test's own, starts the recording (which cannot see
    /// that row yet) and lets the row commit only once the recording waits on the voucher's unique index: the race of
    /// two calls storing one voucher at once, made deterministic.
    /// </summary>
    private async Task<T> RacingAsync<T>(string holder, string voucher, Func<Task<T>> record)
    {
        var database = TestEnvironment.PgConnectionString(fixture.Stack.Database(PlatformStack.Disbursement));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO disbursements (division_code, unit_code, project_code, voucher_id, date, amount_fen, fund_source, note, recorded_at, recorded_by)
            VALUES ('130636', '434001', @project, @voucher, DATE '2021-03-10', 10000, 'fiscal', '测试', now(), 'race-test')
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("project", holder);
            insert.Parameters.AddWithValue("voucher", voucher);
            await insert.ExecuteNonQueryAsync();
        }
        // As the service itself would, the holder's total moves with its payment.
        await using (var total = new NpgsqlCommand("UPDATE projects SET spent_fiscal_fen = spent_fiscal_fen + 10000 WHERE code = @project", connection, tx))
        {
            total.Parameters.AddWithValue("project", holder);
            await total.ExecuteNonQueryAsync();
        }
        var recording = record();
        await using var watcher = new NpgsqlConnection(database);
        await watcher.OpenAsync();
        await Eventually.Until(async () =>
        {
            await using var waiting = new NpgsqlCommand("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'transactionid'
                   AND (query LIKE '%INSERT INTO disbursements%' OR query LIKE 'COPY disbursements%')
                """, watcher);
            return (long)(await waiting.ExecuteScalarAsync())! > 0 || recording.IsCompleted;
        }, "the recording to reach the voucher's unique index", interval: TimeSpan.FromMilliseconds(50));
        Assert.False(recording.IsCompleted, "the recording did not reach the voucher's unique index");
        await tx.CommitAsync();
        return await recording;
    }

    [Fact]
    public async Task A_voucher_stored_meanwhile_for_another_project_is_named_not_a_bare_conflict()
    {
        var holder = await fixture.NewProjectAsync(1_000_00);
        var project = await fixture.NewProjectAsync(1_000_00);
        var single = await Assert.ThrowsAsync<RpcException>(() =>
            RacingAsync(holder, "V-RACE-1", () => fixture.Disbursement.RecordDisbursementAsync(Pay(project, "V-RACE-1", 100_00)).ResponseAsync));
        Assert.Equal(StatusCode.AlreadyExists, single.StatusCode);
        Assert.Equal("voucher_id", single.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Single().Field);
        Assert.Contains(holder, single.Status.Detail);

        var batch = await RacingAsync(holder, "V-RACE-2", () =>
            fixture.Disbursement.RecordBatchAsync(new RecordBatchRequest { Rows = { Pay(project, "V-RACE-3", 100_00), Pay(project, "V-RACE-2", 100_00) } }).ResponseAsync);
        Assert.False(batch.Committed);
        Assert.Equal([(1, "voucher_id")], batch.Errors.Select(e => (e.Row, e.Field)));
        Assert.Equal(0, await Spent(project));
    }

    [Fact]
    public async Task The_totals_kept_on_each_project_equal_the_sum_of_its_stored_payments()
    {
        var a = await fixture.NewProjectAsync(1_000_00, 500_00);
        var b = await fixture.NewProjectAsync(1_000_00);
        await fixture.Disbursement.RecordDisbursementAsync(Pay(a, "V-SUM-1", 300_00));
        await fixture.Disbursement.RecordDisbursementAsync(Pay(a, "V-SUM-1", 300_00)); // sent again: counted once
        await fixture.Disbursement.RecordDisbursementAsync(Pay(a, "V-SUM-2", 200_00, source: "other"));
        await fixture.Disbursement.RecordDisbursementAsync(Pay(a, "V-SUM-3", -50_00, source: "other")); // a reversal
        var refused = await fixture.Disbursement.RecordBatchAsync(new RecordBatchRequest
        {
            Rows = { Pay(a, "V-SUM-4", 100_00), Pay(b, "V-SUM-5", 2_000_00) }, // b's row is over budget: nothing is recorded
        });
        Assert.False(refused.Committed);
        var batch = new RecordBatchRequest
        {
            Rows = { Pay(a, "V-SUM-4", 100_00), Pay(b, "V-SUM-5", 700_00), Pay(b, "V-SUM-6", -100_00), Pay(a, "V-SUM-7", 1_00, source: "other") },
        };
        Assert.Equal(4, (await fixture.Disbursement.RecordBatchAsync(batch)).Recorded);
        // The whole batch again, plus one new row: the stored four count as duplicates.
        batch.Rows.Add(Pay(b, "V-SUM-8", 5_00));
        var again = await fixture.Disbursement.RecordBatchAsync(batch);
        Assert.Equal((1, 4), (again.Recorded, again.Duplicates));

        await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(fixture.Stack.Database(PlatformStack.Disbursement)));
        await connection.OpenAsync();
        await using var compare = new NpgsqlCommand("""
            SELECT p.code, p.spent_fiscal_fen, p.spent_other_fen,
                   coalesce(sum(d.amount_fen) FILTER (WHERE d.fund_source = 'fiscal'), 0),
                   coalesce(sum(d.amount_fen) FILTER (WHERE d.fund_source = 'other'), 0)
              FROM projects p LEFT JOIN disbursements d ON d.project_code = p.code
             WHERE p.code = ANY(@codes) GROUP BY p.code ORDER BY p.code
            """, connection);
        compare.Parameters.AddWithValue("codes", new[] { a, b });
        var rows = new List<(string, long, long, long, long)>();
        await using (var reader = await compare.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        Assert.Equal(new[] { (a, 400_00L, 151_00L), (b, 605_00L, 0L) }.OrderBy(r => r.Item1, StringComparer.Ordinal),
            rows.Select(r => (r.Item1, r.Item2, r.Item3)));
        Assert.All(rows, r => Assert.Equal((r.Item4, r.Item5), (r.Item2, r.Item3)));
        Assert.Equal(551_00, await Spent(a));
    }

    [Fact]
    public async Task A_batch_with_a_bad_row_records_nothing_and_names_each_bad_row()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        var batch = new RecordBatchRequest
        {
            Rows =
            {
                Pay(project, "B-1", 100_00), Pay(project, "B-2", 100_00, date: "2021-13-01"), Pay(project, "B-3", 900_01),
                Pay("13063621ZZZZZZZZZZZZZ", "B-4", 1),
            },
        };
        var result = await fixture.Disbursement.RecordBatchAsync(batch);
        Assert.False(result.Committed);
        Assert.Equal([(1, "date"), (2, "amount_fen"), (3, "project_code")], result.Errors.Select(e => (e.Row, e.Field)));
        Assert.Equal(0, await Spent(project));
    }

    [Fact]
    public async Task A_streamed_row_with_a_nul_character_is_named_by_its_row_and_field_and_nothing_reaches_the_database()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        var note = Pay(project, "S-NUL-2", 100_00);
        note.Note = "备\0注";
        // A voucher with NUL is malformed (the voucher rule) and was still looked up among the stored vouchers: PostgreSQL
        // refused the NUL and the whole stream answered a violation of "body".
        using var stream = fixture.Disbursement.StreamBatch();
        foreach (var row in new[] { Pay(project, "S-NUL-1", 100_00), note, Pay(project, "S-NUL\0-3", 100_00) })
            await stream.RequestStream.WriteAsync(row);
        await stream.RequestStream.CompleteAsync();
        var result = await stream;
        Assert.False(result.Committed);
        Assert.Equal([(1, "note"), (2, "voucher_id")], result.Errors.Select(e => (e.Row, e.Field)).Distinct());
        Assert.Contains(result.Errors, e => e.Row == 1 && e.Message.Contains("空字符"));
        Assert.Equal(0, await Spent(project));
    }

    [Fact]
    public async Task Chunks_streamed_are_one_batch_whose_rows_are_counted_across_chunks_up_to_the_batch_limit()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        async Task<RecordBatchResponse> SendAsync(params RecordDisbursementRequest[][] chunks)
        {
            using var call = fixture.Disbursement.StreamBatchChunks();
            foreach (var chunk in chunks) await call.RequestStream.WriteAsync(new RecordBatchRequest { Rows = { chunk } });
            await call.RequestStream.CompleteAsync();
            return await call;
        }

        var refused = await SendAsync([Pay(project, "C-1", 100_00), Pay(project, "C-2", 100_00)], [Pay(project, "C-3", 100_00, date: "2021-02-30")], [],
            [Pay(project, "C-4", 100_00), Pay(project, "C-5", 700_01)]);
        Assert.False(refused.Committed);
        Assert.Equal([(2, "date"), (4, "amount_fen")], refused.Errors.Select(e => (e.Row, e.Field)));
        Assert.Equal(0, await Spent(project));

        var recorded = await SendAsync([Pay(project, "C-1", 100_00), Pay(project, "C-2", 100_00)], [Pay(project, "C-3", 100_00)], [],
            [Pay(project, "C-4", 100_00), Pay(project, "C-5", 600_00)]);
        Assert.Equal((true, 5, 0), (recorded.Committed, recorded.Recorded, recorded.Duplicates));
        Assert.Equal(1_000_00, await Spent(project));

        // 100 chunks of 2,000 rows are the 200,000 a batch may hold; one row more is refused before any row is judged.
        var other = await fixture.NewProjectAsync(10_000_00);
        var chunks = Enumerable.Range(0, 100)
            .Select(c => new RecordBatchRequest { Rows = { Enumerable.Range(0, 2_000).Select(i => Pay(other, $"C-MAX-{c * 2_000 + i}", 1)) } }).ToList();
        using (var tooMany = fixture.Disbursement.StreamBatchChunks())
        {
            try
            {
                foreach (var chunk in chunks.Append(new RecordBatchRequest { Rows = { Pay(other, "C-MAX-ONE-MORE", 1) } }))
                    await tooMany.RequestStream.WriteAsync(chunk);
                await tooMany.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // answered before the client finished writing: the answer is the call's status, read below
            }
            var error = await Assert.ThrowsAsync<RpcException>(() => tooMany.ResponseAsync);
            Assert.Equal((StatusCode.InvalidArgument, "rows"),
                (error.StatusCode, error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Single().Field));
            Assert.Contains("200000", error.Status.Detail);
        }
        Assert.Equal(0, await Spent(other));
        var full = await SendAsync([.. chunks.Select(c => c.Rows.ToArray())]);
        Assert.Equal((true, 200_000), (full.Committed, full.Recorded));
        Assert.Equal(200_000, await Spent(other));
    }

    [Fact]
    public async Task A_streamed_message_that_is_no_protobuf_is_invalid_argument_naming_the_body_and_stores_nothing()
    {
        var project = await fixture.NewProjectAsync(1_000_00);
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var method = new Method<byte[], RecordBatchResponse>(MethodType.ClientStreaming, "perfplatform.disbursement.v1.DisbursementTracking",
            "StreamBatch", bytes, Marshallers.Create(r => r.ToByteArray(), RecordBatchResponse.Parser.ParseFrom));
        var invoker = fixture.Stack.Channel(PlatformStack.Disbursement, fixture.Stack.FinanceToken()).CreateCallInvoker();
        using var call = invoker.AsyncClientStreamingCall(method, null, new CallOptions());
        await call.RequestStream.WriteAsync(Pay(project, "S-RAW-1", 100_00).ToByteArray());
        // An invalid tag, after a good row: the stream fails there, however far it has come.
        await call.RequestStream.WriteAsync([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        await call.RequestStream.CompleteAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["body"], error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal(0, await Spent(project));
    }

    [Fact]
    public async Task Thousands_of_rows_go_in_at_once_through_rest_and_the_stream_and_a_repeat_is_all_duplicates()
    {
        var projects = new List<string>();
        for (var i = 0; i < 5; i++) projects.Add(await fixture.NewProjectAsync(10_000_000_00));
        var rows = Enumerable.Range(0, 5000).Select(i => new
        {
            projectCode = projects[i % 5], voucherId = $"BULK-{i:00000}", date = "2021-04-01", amountFen = 1_00 + i, fundSource = "fiscal", note = "国库集中支付",
        }).ToList();
        using var rest = fixture.Stack.Http(PlatformStack.Disbursement, fixture.Stack.FinanceToken());
        var response = await rest.PostAsJsonAsync("/v1/disbursements:batch", new { rows });
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(body.GetProperty("committed").GetBoolean(), body.ToString());
        Assert.Equal(5000, body.GetProperty("recorded").GetInt32());
        var expected = rows.Where(r => r.projectCode == projects[0]).Sum(r => (long)r.amountFen);
        Assert.Equal(expected, await Spent(projects[0]));

        using var stream = fixture.Disbursement.StreamBatch();
        foreach (var r in rows.Take(100))
        {
            var row = Pay(r.projectCode, r.voucherId, r.amountFen, r.date);
            row.Note = r.note;
            await stream.RequestStream.WriteAsync(row);
        }
        await stream.RequestStream.CompleteAsync();
        var repeat = await stream;
        Assert.Equal((true, 0, 100), (repeat.Committed, repeat.Recorded, repeat.Duplicates));
    }
}
