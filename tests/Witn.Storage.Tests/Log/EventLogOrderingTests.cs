using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Witn.Storage.Log;
using Witn.Testing;
using static Witn.Storage.Tests.Log.LogRecords;

namespace Witn.Storage.Tests.Log;

/// <summary>
/// The log's ordering guarantee: per partition, commit order is position order, so a reader that has moved past
/// a position can never later find a row below it.
/// </summary>
public sealed class EventLogOrderingTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_row_committed_late_is_never_skipped_by_a_reader_that_checkpointed_meanwhile()
    {
        const int partition = 3;
        var options = new EventLogOptions { FlushInterval = TimeSpan.Zero };
        var reader = new EventLogReader(db.DataSource);
        await using var a = new EventLogWriter(db.DataSource, options, _time);
        await using var b = new EventLogWriter(db.DataSource, options, _time);
        await using var c = new EventLogWriter(db.DataSource, options, _time);
        await a.InitializeAsync(_ct);
        await b.InitializeAsync(_ct);
        await c.InitializeAsync(_ct);
        var start = await LastPositionAsync(reader, partition);
        await reader.SaveCheckpointAsync("consumer", partition, start, _ct);

        // Writer A takes its position in the partition, then stops between INSERT and COMMIT.
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.BeforeCommit = async _ =>
        {
            holding.TrySetResult();
            await release.Task;
        };
        var first = Record(TenantIn(partition, 8));
        var second = Record(TenantIn(partition, 8));
        Task<AppendResult[]> appendA, appendB;
        try
        {
            appendA = a.AppendAsync([first], _ct);
            await holding.Task.WaitAsync(Deadline, _ct);
            a.BeforeCommit = null;

            // Writer B (another silo) appends to the same partition: it queues behind A's partition lock.
            appendB = b.AppendAsync([second], _ct);
            await Eventually.HoldsAsync(() => WaitingForPartitionLockAsync(), Deadline, "writer B waiting for the partition lock");

            // Other partitions are not held up.
            var elsewhere = Assert.Single(await c.AppendAsync([Record(TenantIn(5, 8))], _ct));
            Assert.Equal(AppendStatus.Accepted, elsewhere.Status);

            // A consumer polling now sees neither row, so its checkpoint cannot move past A's position.
            Assert.Empty(await reader.ReadAsync(partition, await reader.GetCheckpointAsync("consumer", partition, _ct), 100, _ct));
            Assert.False(appendA.IsCompleted);
            Assert.False(appendB.IsCompleted);
        }
        finally
        {
            // Never leave writer A parked, whatever failed above (its disposal would wait for it forever).
            release.TrySetResult();
        }

        var resultA = Assert.Single(await appendA);
        var resultB = Assert.Single(await appendB);
        Assert.True(resultA.Position > start);
        Assert.True(resultB.Position > resultA.Position);

        var read = await reader.ReadAsync(partition, await reader.GetCheckpointAsync("consumer", partition, _ct), 100, _ct);
        Assert.Equal([first.EventId, second.EventId], read.Select(e => e.EventId));
        Assert.Equal([resultA.Position, resultB.Position], read.Select(e => e.Position));
        await reader.SaveCheckpointAsync("consumer", partition, read[^1].Position, _ct);
        Assert.Empty(await reader.ReadAsync(partition, await reader.GetCheckpointAsync("consumer", partition, _ct), 100, _ct));
    }

    [Fact]
    public async Task raw_transactions_with_the_writers_sql_commit_in_position_order_within_a_partition()
    {
        // The same guarantee without the writer: two transactions run the lock statement for one partition; the
        // second cannot take its position until the first has committed.
        const int partition = 6;
        await using (var init = new EventLogWriter(db.DataSource, new EventLogOptions(), _time))
        {
            await init.InitializeAsync(_ct);
        }

        await using var connA = await db.DataSource.OpenConnectionAsync(_ct);
        await using var connB = await db.DataSource.OpenConnectionAsync(_ct);
        await using var txA = await connA.BeginTransactionAsync(_ct);
        var positionA = await ReservePositionAsync(connA, txA, partition);

        await using var txB = await connB.BeginTransactionAsync(_ct);
        var reserveB = ReservePositionAsync(connB, txB, partition);
        await Eventually.HoldsAsync(() => WaitingForPartitionLockAsync(), Deadline, "transaction B waiting for the partition lock");
        Assert.False(reserveB.IsCompleted);

        await txA.CommitAsync(_ct);
        var positionB = await reserveB;
        await txB.CommitAsync(_ct);
        Assert.Equal(positionA + 1, positionB);
    }

    [Fact]
    public async Task many_writers_and_callers_keep_every_partition_strictly_ordered_and_a_tailing_reader_misses_nothing()
    {
        await using var fresh = new TestDatabase();
        await fresh.InitializeAsync();
        const int partitions = 4;
        var options = new EventLogOptions { PartitionCount = partitions, MaxBatchSize = 300 };
        var writers = Enumerable.Range(0, 3).Select(_ => new EventLogWriter(fresh.DataSource, options, _time)).ToArray();
        var tenants = Enumerable.Range(0, 40).Select(_ => NewTenant()).ToArray();
        var accepted = new ConcurrentBag<(LogRecord Record, AppendResult Result)>();
        var reader = new EventLogReader(fresh.DataSource);
        var tailed = Enumerable.Range(0, partitions).Select(_ => new List<LoggedEvent>()).ToArray();
        using var writing = new CancellationTokenSource();

        // A consumer tails every partition while the writers run, moving past whatever it has seen.
        var tail = Task.Run(async () =>
        {
            var caughtUp = false;
            while (!caughtUp)
            {
                var done = writing.IsCancellationRequested;
                var empty = true;
                for (var p = 0; p < partitions; p++)
                {
                    var after = tailed[p].Count == 0 ? 0 : tailed[p][^1].Position;
                    var page = await reader.ReadAsync(p, after, 500, _ct);
                    tailed[p].AddRange(page);
                    empty &= page.Count == 0;
                }

                caughtUp = done && empty;
            }
        }, _ct);

        var callers = Enumerable.Range(0, 24).Select(caller => Task.Run(async () =>
        {
            var random = new Random(caller);
            var writer = writers[caller % writers.Length];
            LogRecord[]? previous = null;
            for (var call = 0; call < 15; call++)
            {
                var batch = Enumerable.Range(0, 50).Select(_ => Record(tenants[random.Next(tenants.Length)])).ToArray();
                if (previous is not null && random.Next(4) == 0)
                {
                    batch[0] = previous[1]; // a resend: never accepted twice
                }

                var results = await writer.AppendAsync(batch, _ct);
                for (var i = 0; i < batch.Length; i++)
                {
                    if (results[i].Status == AppendStatus.Accepted)
                    {
                        accepted.Add((batch[i], results[i]));
                    }
                }

                previous = batch;
            }
        }, _ct)).ToArray();

        await Task.WhenAll(callers);
        await writing.CancelAsync();
        await tail.WaitAsync(Deadline, _ct);
        foreach (var w in writers)
        {
            await w.DisposeAsync();
        }

        var stored = new List<LoggedEvent>();
        for (var p = 0; p < partitions; p++)
        {
            var all = await reader.ReadAsync(p, 0, 100_000, _ct);
            Assert.All(all, e => Assert.Equal(p, e.Partition));
            Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(pair.First.Position < pair.Second.Position));
            Assert.Equal(all.Select(e => (e.Position, e.EventId)), tailed[p].Select(e => (e.Position, e.EventId)));
            stored.AddRange(all);
        }

        Assert.Equal(24 * 15 * 50 - accepted.Count, 24 * 15 * 50 - stored.Count);
        Assert.Equal(stored.Count, stored.Select(e => (e.TenantId, e.EventId)).Distinct().Count());
        Assert.Equal(
            accepted.Select(a => (a.Result.Partition, a.Result.Position, a.Record.EventId)).Order(),
            stored.Select(e => (e.Partition, e.Position, e.EventId)).Order());
    }

    private static async Task<long> LastPositionAsync(EventLogReader reader, int partition)
    {
        var last = 0L;
        while (await reader.ReadAsync(partition, last, 1000) is { Count: > 0 } page)
        {
            last = page[^1].Position;
        }

        return last;
    }

    private async Task<long> ReservePositionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int partition)
    {
        await using (var lockCmd = new NpgsqlCommand(EventLogSql.LockPartitions, conn, tx))
        {
            lockCmd.Parameters.AddWithValue(new[] { partition });
            await lockCmd.ExecuteNonQueryAsync(_ct);
        }

        await using var insert = new NpgsqlCommand(EventLogSql.Insert, conn, tx);
        var r = Record(TenantIn(partition, 8));
        insert.Parameters.AddWithValue(new[] { partition });
        insert.Parameters.AddWithValue(new[] { r.TenantId });
        insert.Parameters.AddWithValue(new[] { r.EventId });
        insert.Parameters.AddWithValue(new[] { r.Type });
        insert.Parameters.AddWithValue(new[] { r.Timestamp });
        for (var i = 0; i < 6; i++)
        {
            insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, new string?[] { null });
        }

        insert.Parameters.AddWithValue(new[] { r.PropertiesJson });
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea, new[] { r.ContentHash });
        insert.Parameters.AddWithValue(_time.GetUtcNow());
        await using var result = await insert.ExecuteReaderAsync(_ct);
        Assert.True(await result.ReadAsync(_ct));
        return result.GetInt64(3);
    }

    private async Task<bool> WaitingForPartitionLockAsync()
    {
        await using var cmd = db.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'SELECT partition FROM log_partitions%'");
        return (long)(await cmd.ExecuteScalarAsync(_ct))! > 0;
    }
}
