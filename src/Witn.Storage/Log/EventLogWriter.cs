using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Witn.Storage.Telemetry;

namespace Witn.Storage.Log;

/// <summary>
/// Appends to the durable event log with group commit: concurrent callers' records ride in one transaction and
/// one multi-row INSERT, and each call completes only when its own rows are committed (synchronous commit, so
/// durable). A value PostgreSQL refuses (a data exception) is isolated: the flush is written again in halves and
/// only the refused records come back <see cref="AppendStatus.Refused"/>. Any other failure fails every call in
/// the flush with the same exception (during such a rewrite, some halves may already be committed); nothing of a
/// failed call was acked, so callers retry, and the unique key (tenant_id, event_id) turns the retry into
/// duplicates rather than doubles. Any number of
/// writers (one per silo) may share a database. Partitions are spread over <see cref="EventLogOptions.FlushConcurrency"/>
/// lanes that flush in parallel, each locking only its own partitions.
/// </summary>
public sealed class EventLogWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly EventLogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventLogMetrics? _metrics;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly EventLogLane[] _lanes;
    private volatile bool _initialized;
    private volatile bool _disposed;

    public EventLogWriter(NpgsqlDataSource db, EventLogOptions options, TimeProvider time, ILogger? logger = null, EventLogMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PartitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PartitionCount, 4096);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FlushInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FlushConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LingerAfterRecords, 1);
        _db = db;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _lanes = new EventLogLane[Math.Min(options.FlushConcurrency, options.PartitionCount)];
        for (var i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = new EventLogLane(options, FlushAsync);
        }
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

        ObjectDisposedException.ThrowIf(_disposed, this);

        // Split the call by lane (partition % lanes); the call completes when every lane has committed its part.
        var lanes = _lanes.Length;
        var partitions = new int[records.Count];
        var perLane = new int[lanes];
        for (var i = 0; i < records.Count; i++)
        {
            partitions[i] = LogPartitions.Of(records[i].TenantId, _options.PartitionCount);
            perLane[partitions[i] % lanes]++;
        }

        var slices = 0;
        foreach (var n in perLane)
        {
            slices += n > 0 ? 1 : 0;
        }

        // The caller's span (the ingest request's append), for the flush span's links; only captured when traced.
        var pending = new PendingAppend(records, slices, WitnTelemetry.LogSource.HasListeners() ? Activity.Current?.Context ?? default : default);
        if (slices == 1)
        {
            Enqueue(_lanes[partitions[0] % lanes], new PendingSlice(pending, [.. Enumerable.Range(0, records.Count)], partitions), pending);
        }
        else
        {
            for (var lane = 0; lane < lanes; lane++)
            {
                if (perLane[lane] == 0)
                {
                    continue;
                }

                var indexes = new int[perLane[lane]];
                var parts = new int[perLane[lane]];
                for (int i = 0, k = 0; i < records.Count; i++)
                {
                    if (partitions[i] % lanes == lane)
                    {
                        indexes[k] = i;
                        parts[k++] = partitions[i];
                    }
                }

                Enqueue(_lanes[lane], new PendingSlice(pending, indexes, parts), pending);
            }
        }

        return pending.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Flushes what is queued, then stops; appends after this throw.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var lane in _lanes)
        {
            lane.Complete();
        }

        await Task.WhenAll(_lanes.Select(l => l.Completion));
        _initGate.Dispose();
    }

    private static void Enqueue(EventLogLane lane, PendingSlice slice, PendingAppend pending)
    {
        if (!lane.TryEnqueue(slice))
        {
            // Disposed while this call was being queued: whatever was queued still flushes, but this call fails.
            pending.Fail(new ObjectDisposedException(nameof(EventLogWriter)));
        }
    }

    private async Task FlushAsync(List<PendingSlice> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var records = 0;
        foreach (var s in batch)
        {
            records += s.Count;
        }

        // A flush carries many callers' records: its own trace, linked to each caller's append span.
        using var activity = WitnTelemetry.LogSource.HasListeners() ? StartFlushActivity(batch, records) : null;
        try
        {
            int inserted;
            try
            {
                inserted = await WriteAsync(batch, records);
            }
            catch (PostgresException e) when (IsDataError(e))
            {
                // One caller's value that PostgreSQL cannot store must not fail everyone sharing the transaction
                // (nothing was committed): write the records again in halves, down to the ones refused on their own.
                EventLogWriterLog.Isolating(_logger, records, batch.Count, e.SqlState);
                inserted = await WriteIsolatingAsync([.. batch.SelectMany(SingleRecords)]);
            }

            foreach (var s in batch)
            {
                s.Call.SliceDone();
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            EventLogWriterLog.Flushed(_logger, records, batch.Count, inserted, elapsed.TotalMilliseconds);
            Record(records, elapsed, null);
        }
        catch (Exception e)
        {
            EventLogWriterLog.FlushFailed(_logger, e, records, batch.Count);
            Record(records, Stopwatch.GetElapsedTime(started), e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            foreach (var s in batch)
            {
                s.Call.Fail(e);
            }
        }
    }

    private static Activity? StartFlushActivity(List<PendingSlice> batch, int records)
    {
        List<ActivityLink>? links = null;
        foreach (var s in batch)
        {
            var caller = s.Call.Caller;
            if (caller != default && (links ??= []).Count < EventLinks.MaxLinks && !links.Exists(l => l.Context.SpanId == caller.SpanId))
            {
                links.Add(new ActivityLink(caller));
            }
        }

        var activity = WitnTelemetry.LogSource.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: "witn.log.flush");
        activity?.SetTag("witn.log.records", records);
        activity?.SetTag("witn.log.callers", batch.Count);
        return activity;
    }

    private void Record(int records, TimeSpan elapsed, Exception? failure)
    {
        if (_metrics is null)
        {
            return;
        }

        var outcome = failure is null ? Succeeded : Failed;
        _metrics.FlushSize.Record(records, outcome);
        _metrics.FlushDuration.Record(elapsed.TotalSeconds, outcome);
    }

    private static readonly KeyValuePair<string, object?> Succeeded = new("outcome", "committed");
    private static readonly KeyValuePair<string, object?> Failed = new("outcome", "failed");

    // SQLSTATE class 22: the data itself (a NUL character, a number out of range, bad text for a type), not the
    // database's state; the same values fail again, while the other records of the flush would succeed.
    private static bool IsDataError(PostgresException e) => e.SqlState.StartsWith("22", StringComparison.Ordinal);

    private static IEnumerable<PendingSlice> SingleRecords(PendingSlice slice) =>
        Enumerable.Range(0, slice.Count).Select(j => new PendingSlice(slice.Call, [slice.Indexes[j]], [slice.Partitions[j]]));

    /// <summary>Writes single-record slices, bisecting on data errors; a record refused alone is marked <see cref="AppendStatus.Refused"/>.</summary>
    private async Task<int> WriteIsolatingAsync(List<PendingSlice> units)
    {
        try
        {
            return await WriteAsync(units, units.Count);
        }
        catch (PostgresException e) when (IsDataError(e))
        {
            if (units.Count == 1)
            {
                var unit = units[0];
                var record = unit.Call.Records[unit.Indexes[0]];
                unit.Call.Results[unit.Indexes[0]] = new AppendResult(AppendStatus.Refused, record.EventId, 0, 0, e.MessageText);
                EventLogWriterLog.Refused(_logger, record.EventId, record.TenantId, e.MessageText);
                return 0;
            }

            var half = units.Count / 2;
            return await WriteIsolatingAsync(units[..half]) + await WriteIsolatingAsync(units[half..]);
        }
    }

    /// <summary>Writes one flush in one transaction and fills every call's results; returns the number of rows inserted.</summary>
    private async Task<int> WriteAsync(List<PendingSlice> batch, int records)
    {
        await InitializeAsync();

        // Fold repeated keys (inside a call or across calls of this flush): the first occurrence is written, the
        // later ones are classified against whatever row ends up stored for that key.
        var slots = new Dictionary<(string TenantId, Guid EventId), int>(records);
        var unique = new List<LogRecord>(records);
        var uniquePartitions = new List<int>(records);
        var slotOf = new int[records];
        var k = 0;
        foreach (var s in batch)
        {
            for (var j = 0; j < s.Count; j++)
            {
                var r = s.Call.Records[s.Indexes[j]];
                if (!slots.TryGetValue((r.TenantId, r.EventId), out var slot))
                {
                    slot = unique.Count;
                    slots.Add((r.TenantId, r.EventId), slot);
                    unique.Add(r);
                    uniquePartitions.Add(s.Partitions[j]);
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
            partition[i] = uniquePartitions[i];
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

            // Every record sent counts as received, in the same round trip (docs/quality.md).
            var received = new EventQualityCounts();
            foreach (var s in batch)
            {
                for (var j = 0; j < s.Count; j++)
                {
                    received.Add(s.Call.Records[s.Indexes[j]], 1, 0, 0);
                }
            }

            sql.BatchCommands.Add(received.Command());

            // Prepared once per physical connection (Npgsql remembers it), so the big INSERT is planned once.
            await sql.PrepareAsync();
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

            // Duplicates and conflicts are known once the stored rows are (inside the transaction, so they count
            // with it); the common flush, all new, needs no second round trip.
            if (insertedCount < n)
            {
                await FindExistingAsync(conn, tx, unique, stored);
            }

            var statuses = Classify(batch, slotOf, stored);
            if (records > insertedCount)
            {
                var repeats = new EventQualityCounts();
                k = 0;
                foreach (var s in batch)
                {
                    for (var j = 0; j < s.Count; j++, k++)
                    {
                        if (statuses[k] != AppendStatus.Accepted)
                        {
                            repeats.Add(s.Call.Records[s.Indexes[j]], 0, statuses[k] == AppendStatus.Duplicate ? 1 : 0, statuses[k] == AppendStatus.Conflict ? 1 : 0);
                        }
                    }
                }

                await using var count = new NpgsqlBatch(conn, tx) { BatchCommands = { repeats.Command() } };
                await count.ExecuteNonQueryAsync();
            }

            if (BeforeCommit is { } hook)
            {
                await hook(CancellationToken.None);
            }

            await tx.CommitAsync();

            k = 0;
            foreach (var s in batch)
            {
                for (var j = 0; j < s.Count; j++, k++)
                {
                    var (part, position, _, _) = stored[slotOf[k]];
                    s.Call.Results[s.Indexes[j]] = new AppendResult(statuses[k], s.Call.Records[s.Indexes[j]].EventId, part, position);
                }
            }
        }

        return insertedCount;
    }

    /// <summary>Each record's status, in flush order: the first occurrence of a key is the one that was sent; only it can be Accepted.</summary>
    private static AppendStatus[] Classify(List<PendingSlice> batch, int[] slotOf, (int Partition, long Position, byte[]? Hash, bool Inserted)[] stored)
    {
        var statuses = new AppendStatus[slotOf.Length];
        var seen = new bool[stored.Length];
        var k = 0;
        foreach (var s in batch)
        {
            for (var j = 0; j < s.Count; j++, k++)
            {
                var slot = slotOf[k];
                var (_, _, storedHash, inserted) = stored[slot];
                var r = s.Call.Records[s.Indexes[j]];
                var first = !seen[slot];
                seen[slot] = true;
                statuses[k] = inserted && first
                    ? AppendStatus.Accepted
                    : storedHash.AsSpan().SequenceEqual(r.ContentHash) ? AppendStatus.Duplicate : AppendStatus.Conflict;
            }
        }

        return statuses;
    }

    private static async Task FindExistingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, List<LogRecord> unique, (int Partition, long Position, byte[]? Hash, bool Inserted)[] stored)
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

        await using var find = new NpgsqlCommand(EventLogSql.FindExisting, conn, tx);
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
