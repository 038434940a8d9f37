using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.ServiceDefaults.Persistence;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

/// <summary>A row that can never be published is parked; the rows behind it still go out.</summary>
public sealed class OutboxParkingTests
{
    [Fact]
    public async Task An_unreadable_row_is_parked_and_does_not_hold_back_the_events_after_it()
    {
        var database = TestEnvironment.NewName("perft");
        var connectionString = TestEnvironment.PgConnectionString(database);
        var vhost = await TestEnvironment.NewVirtualHostAsync();
        await new SqlMigrator(connectionString, NullLogger.Instance).MigrateAsync(typeof(OutboxParkingTests).Assembly, createIfMissing: true);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var recorder = await EventRecorder.StartAsync(vhost, typeof(DivisionRegistered));
        var bus = await TestBus.ConnectAsync(vhost, []);
        try
        {
            var valid = OutboxMessage.From(new DivisionRegistered("130636", "顺平县", 1));
            await Insert(dataSource, Guid.NewGuid(), "PerfPlatform.Contracts.Registry.RenamedLongAgo, PerfPlatform.Contracts", "{}");
            await Insert(dataSource, Guid.NewGuid(), OutboxMessage.TypeName(typeof(DivisionRegistered)), "[1, 2]");
            await Insert(dataSource, valid.Id, valid.MessageType, valid.Payload);

            var dispatcher = new OutboxDispatcher(dataSource, bus, new OutboxSignal(), NullLogger<OutboxDispatcher>.Instance);
            Assert.Equal(3, await dispatcher.DispatchBatchAsync(CancellationToken.None));
            Assert.Equal(0, await dispatcher.DispatchBatchAsync(CancellationToken.None));

            await recorder.WaitUntilAsync(r => r.Of<DivisionRegistered>().Any(), TimeSpan.FromSeconds(30), "the valid event behind the parked rows");
            Assert.Equal(valid.Id, recorder.Received.Single().MessageId);
            await using var cmd = dataSource.CreateCommand(
                "SELECT count(*) FILTER (WHERE parked_at IS NOT NULL AND sent_at IS NULL AND last_error <> ''), " +
                "count(*) FILTER (WHERE sent_at IS NOT NULL AND parked_at IS NULL) FROM outbox_messages");
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal((2L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
        }
        finally
        {
            await bus.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await TestEnvironment.DropDatabaseAsync(database);
        }
    }

    private static async Task Insert(NpgsqlDataSource dataSource, Guid id, string type, string payload)
    {
        await using var cmd = dataSource.CreateCommand(
            "INSERT INTO outbox_messages (id, message_type, payload) VALUES ($1, $2, $3::jsonb)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = type });
        cmd.Parameters.Add(new NpgsqlParameter { Value = payload });
        await cmd.ExecuteNonQueryAsync();
    }
}
