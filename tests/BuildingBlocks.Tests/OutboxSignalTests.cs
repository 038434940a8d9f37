using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.ServiceDefaults.Persistence;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

/// <summary>
/// The dispatcher is woken when outbox rows become visible: rows saved inside an explicit transaction only on commit
/// (woken earlier, it finds nothing and sleeps until its next poll, a second later), and only by a unit of work that
/// added outbox rows.
/// </summary>
public sealed class OutboxSignalTests : IAsyncLifetime
{
    private readonly string _database = TestEnvironment.NewName("perft");
    private readonly OutboxSignal _signal = new();
    private DbContextOptions<ScratchDb> _options = null!;

    public async Task InitializeAsync()
    {
        var connectionString = TestEnvironment.PgConnectionString(_database);
        await new SqlMigrator(connectionString, NullLogger.Instance).MigrateAsync(typeof(OutboxSignalTests).Assembly, createIfMissing: true);
        _options = new DbContextOptionsBuilder<ScratchDb>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention()
            .AddInterceptors(_signal).Options;
    }

    public Task DisposeAsync() => TestEnvironment.DropDatabaseAsync(_database);

    [Fact]
    public async Task A_save_without_a_transaction_wakes_the_dispatcher()
    {
        await using var db = new ScratchDb(_options);
        db.Publish(new DivisionRegistered("130636", "顺平县", 1));
        await db.SaveChangesAsync();
        Assert.True(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Rows_saved_in_an_explicit_transaction_wake_the_dispatcher_on_commit_not_before()
    {
        await using var db = new ScratchDb(_options);
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Publish(new DivisionRegistered("130636", "顺平县", 1));
        await db.SaveChangesAsync();
        Assert.False(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "not woken before the rows are visible");

        await tx.CommitAsync();
        Assert.True(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "woken by the commit");
        Assert.Equal(1, await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null));
    }

    [Fact]
    public async Task A_rolled_back_transaction_does_not_wake_the_dispatcher()
    {
        await using var db = new ScratchDb(_options);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.Publish(new DivisionRegistered("130636", "顺平县", 1));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        Assert.False(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task A_commit_without_outbox_rows_does_not_wake_the_dispatcher()
    {
        await using var db = new ScratchDb(_options);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1");
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        Assert.False(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "a consumer's transaction without events costs no poll");

        db.Publish(new DivisionRegistered("130636", "顺平县", 1));
        await db.SaveChangesAsync();
        Assert.True(await _signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "the same context's next save with an event wakes it");
    }

    private sealed class ScratchDb(DbContextOptions<ScratchDb> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.MapPlatformTables();
    }
}
