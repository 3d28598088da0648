using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Witn.Storage.Log;

/// <summary>
/// Appends to the durable event log with group commit: concurrent callers' records ride in one transaction and
/// one multi-row INSERT, and each call completes only when its own rows are committed (synchronous commit, so
/// durable). A failed flush fails every call in it with the same exception; nothing was acked, so callers retry,
/// and the unique key (tenant_id, event_id) turns the retry into duplicates rather than doubles. Any number of
/// writers (one per silo) may share a database.
/// </summary>
public sealed class EventLogWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly EventLogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly Task _loop;
    private PendingAppend? _carry;
    private int _queuedRecords;
    private TaskCompletionSource _batchFull = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _initialized;

    public EventLogWriter(NpgsqlDataSource db, EventLogOptions options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PartitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PartitionCount, 4096);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FlushInterval, TimeSpan.Zero);
        _db = db;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Test seam: runs inside the flush transaction after the INSERT and before COMMIT.</summary>
    internal Func<CancellationToken, Task>? BeforeCommit { get; set; }

    /// <summary>
    /// Records the partition count on first use and creates the partitions' counters, or throws when the database
    /// was set up with another count. Appends call it on their own; hosts call it at startup to fail fast.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            await using var conn = await _db.OpenConnectionAsync(cancellationToken);
            await using (var insert = new NpgsqlCommand(EventLogSql.InsertSettings, conn))
            {
                insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _options.PartitionCount });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var settings = new NpgsqlCommand(EventLogSql.ReadSettings, conn))
            {
                var stored = (int)(await settings.ExecuteScalarAsync(cancellationToken))!;
                if (stored != _options.PartitionCount)
                {
                    throw new InvalidOperationException(
                        $"The event log in this database has {stored} partitions, but this writer is configured with {_options.PartitionCount}. " +
                        "The partition count is fixed when the log is first written (tenants are hashed over it, and positions and checkpoints are per partition). " +
                        $"Set EventLogOptions.PartitionCount to {stored} on every silo that uses this database.");
                }
            }

            await using (var partitions = new NpgsqlCommand(EventLogSql.InitPartitions, conn))
            {
                partitions.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _options.PartitionCount });
                await partitions.ExecuteNonQueryAsync(cancellationToken);
            }

            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>
    /// Appends the records and returns, in input order, whether each was accepted, a duplicate or a conflict, with
    /// the stored row's partition and position. Completes only when the records are durable. Cancelling stops the
    /// wait, not the write: the records may still be committed (a retry then sees duplicates).
    /// </summary>
    public Task<AppendResult[]> AppendAsync(IReadOnlyList<LogRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.FromResult(Array.Empty<AppendResult>());
        }

        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i] ?? throw new ArgumentException($"record {i} is null", nameof(records));
            if (r.TenantId is null || r.Type is null || r.PropertiesJson is null || r.ContentHash is null)
            {
                throw new ArgumentException($"record {i} ({r.EventId}) lacks a tenant id, type, properties or content hash", nameof(records));
            }
        }

        var pending = new PendingAppend(records);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(EventLogWriter));
        }

        if (Interlocked.Add(ref _queuedRecords, records.Count) >= _options.MaxBatchSize)
        {
            Volatile.Read(ref _batchFull).TrySetResult();
        }

        return pending.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Flushes what is queued, then stops; appends after this throw.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _initGate.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (_carry is not null || await reader.WaitToReadAsync())
        {
            await LingerAsync();
            while (TakeBatch(reader) is { Count: > 0 } batch)
            {
                await FlushAsync(batch);
            }
        }
    }

    // An idle writer waits a moment so that concurrent callers share the transaction; a full batch cuts it short.
    private async Task LingerAsync()
    {
        if (_options.FlushInterval <= TimeSpan.Zero)
        {
            return;
        }

        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _batchFull, full);
        if (Volatile.Read(ref _queuedRecords) >= _options.MaxBatchSize)
        {
            return;
        }

        using var cancel = new CancellationTokenSource();
        var delay = Task.Delay(_options.FlushInterval, TimeProvider.System, cancel.Token);
        if (await Task.WhenAny(delay, full.Task) != delay)
        {
            await cancel.CancelAsync();
        }
    }

    private List<PendingAppend> TakeBatch(ChannelReader<PendingAppend> reader)
    {
        var batch = new List<PendingAppend>();
        var records = 0;
        if (_carry is not null)
        {
            batch.Add(_carry);
            records = _carry.Records.Count;
            _carry = null;
        }

        while (records < _options.MaxBatchSize && reader.TryRead(out var next))
        {
            Interlocked.Add(ref _queuedRecords, -next.Records.Count);
            if (records > 0 && records + next.Records.Count > _options.MaxBatchSize)
            {
                _carry = next;
                break;
            }

            batch.Add(next);
            records += next.Records.Count;
        }

        return batch;
    }

    private async Task FlushAsync(List<PendingAppend> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var records = 0;
        foreach (var p in batch)
        {
            records += p.Records.Count;
        }

        try
        {
            var inserted = await WriteAsync(batch, records);
            foreach (var p in batch)
            {
                p.Complete();
            }

            EventLogWriterLog.Flushed(_logger, records, batch.Count, inserted, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            EventLogWriterLog.FlushFailed(_logger, e, records, batch.Count);
            foreach (var p in batch)
            {
                p.Fail(e);
            }
        }
    }

    /// <summary>Writes one flush in one transaction and fills every call's results; returns the number of rows inserted.</summary>
    private async Task<int> WriteAsync(List<PendingAppend> batch, int records)
    {
        await InitializeAsync();

        // Fold repeated keys (inside a call or across calls of this flush): the first occurrence is written, the
        // later ones are classified against whatever row ends up stored for that key.
        var slots = new Dictionary<(string TenantId, Guid EventId), int>(records);
        var unique = new List<LogRecord>(records);
        var slotOf = new int[records];
        var k = 0;
        foreach (var p in batch)
        {
            foreach (var r in p.Records)
            {
                if (!slots.TryGetValue((r.TenantId, r.EventId), out var slot))
                {
                    slot = unique.Count;
                    slots.Add((r.TenantId, r.EventId), slot);
                    unique.Add(r);
                }

                slotOf[k++] = slot;
            }
        }

        var n = unique.Count;
        var partition = new int[n];
        var tenant = new string[n];
        var eventId = new Guid[n];
        var type = new string[n];
        var occurredAt = new DateTimeOffset[n];
        var idempotencyKey = new string?[n];
        var agentId = new string?[n];
        var agentVersion = new string?[n];
        var traceId = new string?[n];
        var spanId = new string?[n];
        var parentSpanId = new string?[n];
        var properties = new string[n];
        var hash = new byte[n][];
        var partitionsUsed = new SortedSet<int>();
        for (var i = 0; i < n; i++)
        {
            var r = unique[i];
            partition[i] = LogPartitions.Of(r.TenantId, _options.PartitionCount);
            partitionsUsed.Add(partition[i]);
            tenant[i] = r.TenantId;
            eventId[i] = r.EventId;
            type[i] = r.Type;
            occurredAt[i] = r.Timestamp.ToUniversalTime();
            idempotencyKey[i] = r.IdempotencyKey;
            agentId[i] = r.AgentId;
            agentVersion[i] = r.AgentVersion;
            traceId[i] = r.TraceId;
            spanId[i] = r.SpanId;
            parentSpanId[i] = r.ParentSpanId;
            properties[i] = r.PropertiesJson;
            hash[i] = r.ContentHash;
        }

        // Per slot: where the row is stored, its content hash, and whether this flush inserted it.
        var stored = new (int Partition, long Position, byte[]? Hash, bool Inserted)[n];
        var insertedCount = 0;
        await using var conn = await _db.OpenConnectionAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using var sql = new NpgsqlBatch(conn, tx);
            var lockPartitions = new NpgsqlBatchCommand(EventLogSql.LockPartitions);
            lockPartitions.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. partitionsUsed] });
            sql.BatchCommands.Add(lockPartitions);
            var insert = new NpgsqlBatchCommand(EventLogSql.Insert);
            insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = partition });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tenant });
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = eventId });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = type });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = occurredAt });
            AddNullableText(insert, idempotencyKey);
            AddNullableText(insert, agentId);
            AddNullableText(insert, agentVersion);
            AddNullableText(insert, traceId);
            AddNullableText(insert, spanId);
            AddNullableText(insert, parentSpanId);
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = properties });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = hash, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _time.GetUtcNow().ToUniversalTime() });
            sql.BatchCommands.Add(insert);

            await using (var reader = await sql.ExecuteReaderAsync())
            {
                await reader.NextResultAsync(); // past the locked partitions
                while (await reader.ReadAsync())
                {
                    var slot = slots[(reader.GetString(0), reader.GetGuid(1))];
                    stored[slot] = (reader.GetInt32(2), reader.GetInt64(3), unique[slot].ContentHash, true);
                    insertedCount++;
                }
            }

            if (BeforeCommit is { } hook)
            {
                await hook(CancellationToken.None);
            }

            await tx.CommitAsync();
        }

        if (insertedCount < n)
        {
            await FindExistingAsync(conn, unique, stored);
        }

        // The first occurrence of a key (in flush order) is the one that was sent; only it can be Accepted.
        var seen = new bool[n];
        k = 0;
        foreach (var p in batch)
        {
            for (var i = 0; i < p.Records.Count; i++, k++)
            {
                var slot = slotOf[k];
                var (part, position, storedHash, inserted) = stored[slot];
                var r = p.Records[i];
                var first = !seen[slot];
                seen[slot] = true;
                var status = inserted && first
                    ? AppendStatus.Accepted
                    : storedHash.AsSpan().SequenceEqual(r.ContentHash) ? AppendStatus.Duplicate : AppendStatus.Conflict;
                p.Results[i] = new AppendResult(status, r.EventId, part, position);
            }
        }

        return insertedCount;
    }

    private static async Task FindExistingAsync(NpgsqlConnection conn, List<LogRecord> unique, (int Partition, long Position, byte[]? Hash, bool Inserted)[] stored)
    {
        var tenants = new List<string>();
        var ids = new List<Guid>();
        var slots = new Dictionary<(string, Guid), int>();
        for (var i = 0; i < stored.Length; i++)
        {
            if (!stored[i].Inserted)
            {
                tenants.Add(unique[i].TenantId);
                ids.Add(unique[i].EventId);
                slots[(unique[i].TenantId, unique[i].EventId)] = i;
            }
        }

        await using var find = new NpgsqlCommand(EventLogSql.FindExisting, conn);
        find.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. tenants] });
        find.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ids] });
        await using var reader = await find.ExecuteReaderAsync();
        var found = 0;
        while (await reader.ReadAsync())
        {
            var slot = slots[(reader.GetString(0), reader.GetGuid(1))];
            stored[slot] = (reader.GetInt32(2), reader.GetInt64(3), reader.GetFieldValue<byte[]>(4), false);
            found++;
        }

        if (found != tenants.Count)
        {
            // Only possible when a partition has no counter row, i.e. the log_partitions table was tampered with.
            throw new InvalidOperationException($"{tenants.Count - found} event(s) were neither inserted nor found; is log_partitions complete?");
        }
    }

    private static void AddNullableText(NpgsqlBatchCommand command, string?[] values) =>
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
}
