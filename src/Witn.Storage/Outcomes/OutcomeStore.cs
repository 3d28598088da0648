using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Ingestion;
using Witn.Domain.Quality;
using Witn.Storage.Batching;
using Witn.Storage.Quality;

namespace Witn.Storage.Outcomes;

/// <summary>
/// Outcome grain state in PostgreSQL, read and written in groups: concurrent grains' reads ride in one SELECT and
/// their writes in one multi-row upsert, each caller awaiting only its own result. One row per write through the
/// stock grain storage caps the engine near 1,500 outcomes/s (docs/benchmarks.md); grouped, PostgreSQL takes
/// tens of thousands. The last writer of a key wins; one grain activation owns each key.
/// </summary>
public sealed class OutcomeStore : IAsyncDisposable
{
    private const string Columns = """
        tenant_id, definition, correlation, definition_version, status, first_event_at, qualified_at, settles_at,
        next_due_at, charge_id, credit_id, event_count, updated_at
        """;

    // What a write of a stored outcome replaces (the row's cell, fixed at its first write, stays; statuses reached add up).
    private const string Upsert = """
        ON CONFLICT (tenant_id, definition, correlation) DO UPDATE SET
            definition_version = EXCLUDED.definition_version, status = EXCLUDED.status,
            first_event_at = EXCLUDED.first_event_at, qualified_at = EXCLUDED.qualified_at,
            settles_at = EXCLUDED.settles_at, next_due_at = EXCLUDED.next_due_at, charge_id = EXCLUDED.charge_id,
            credit_id = EXCLUDED.credit_id, event_count = EXCLUDED.event_count, updated_at = EXCLUDED.updated_at,
            state = EXCLUDED.state, quality_reached = outcomes.quality_reached | EXCLUDED.quality_reached
        """;

    // One statement: the upsert, and from the row as it was before it (the statement's snapshot) the quality counts
    // of what this write changed: a new row opens an outcome in its cell (fixed here, never updated: the first
    // event's day and agent); a status reached for the first time counts once; reaching settled adds the time to
    // billable completion to the cell's histogram. One grain activation owns a key, so no other writer moves the
    // row between the snapshot and the upsert. Rows from before migration 0022 have no cell and count nothing.
    private static readonly string WriteSql = $"""
        WITH input AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::timestamptz[],
                                 $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::uuid[], $11::uuid[],
                                 $12::integer[], $13::timestamptz[], $14::json[], $15::text[], $16::text[], $17::integer[],
                                 $18::smallint[])
                AS i({Columns}, state, opener_id, opener_version, reached, completion_bucket)
        ), before AS (
            SELECT o.tenant_id, o.definition, o.correlation, o.quality_reached
            FROM outcomes o JOIN input i USING (tenant_id, definition, correlation)
        ), written AS (
            INSERT INTO outcomes ({Columns}, state, quality_day, quality_agent_id, quality_agent_version, quality_reached)
            SELECT {Columns}, state, (coalesce(first_event_at, updated_at) AT TIME ZONE 'UTC')::date, opener_id, opener_version, reached
            FROM input
            {Upsert}
            RETURNING tenant_id, definition, correlation, quality_day, quality_agent_id, quality_agent_version, quality_reached
        ), changed AS (
            SELECT w.tenant_id, w.quality_day AS day, w.definition, w.quality_agent_id AS agent_id, w.quality_agent_version AS agent_version,
                   b.tenant_id IS NULL AS opened, w.quality_reached & ~coalesce(b.quality_reached, 0) AS newly, i.completion_bucket
            FROM written w
            JOIN input i USING (tenant_id, definition, correlation)
            LEFT JOIN before b USING (tenant_id, definition, correlation)
            WHERE w.quality_day IS NOT NULL AND (b.tenant_id IS NULL OR w.quality_reached <> b.quality_reached)
        ), counts AS (
            {QualitySql.Add("quality_counters", $"""
                SELECT tenant_id, day, definition, agent_id, agent_version, opened::int,
                       (newly & {QualityReached.Qualified} <> 0)::int, (newly & {QualityReached.InReview} <> 0)::int,
                       (newly & {QualityReached.Settled} <> 0)::int, (newly & {QualityReached.Voided} <> 0)::int,
                       (newly & {QualityReached.Expired} <> 0)::int, (newly & {QualityReached.Rejected} <> 0)::int,
                       (newly & {QualityReached.Reversed} <> 0)::int
                FROM changed
                """, ["opened", "qualified", "in_review", "settled", "voided", "expired", "rejected", "reversed"])}
        ), completion AS (
            {QualitySql.Add("quality_completion", $"""
                SELECT tenant_id, day, definition, agent_id, agent_version, completion_bucket, 1
                FROM changed WHERE newly & {QualityReached.Settled} <> 0 AND completion_bucket IS NOT NULL
                """, ["outcomes"], ["bucket"], sharded: false)}
        )
        SELECT count(*) FROM written
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitter<OutcomeRecord, bool> _writes;
    private readonly GroupCommitter<(string Tenant, string Definition, string Correlation), OutcomeRecord?> _reads;

    public OutcomeStore(NpgsqlDataSource dataSource, OutcomeStoreOptions? options = null)
    {
        options ??= new OutcomeStoreOptions();
        _dataSource = dataSource;
        _writes = new(FlushWritesAsync, options.Concurrency, options.MaxBatchSize);
        _reads = new(FlushReadsAsync, options.Concurrency, options.MaxBatchSize);
    }

    /// <summary>The stored outcome, or null when it has never been written.</summary>
    public Task<OutcomeRecord?> ReadAsync(string tenantId, string definition, string correlation) =>
        _reads.RunAsync((tenantId, definition, correlation));

    /// <summary>Stores <paramref name="record"/> (insert or replace); completes once it is committed.</summary>
    public Task WriteAsync(OutcomeRecord record) => _writes.RunAsync(Normalize(record));

    /// <summary>
    /// Writes outcome rows rebuilt from the log (POST /v1/admin/rebuild), replacing what is stored. Unlike a grain's
    /// write it counts nothing in the quality counters: they already counted these outcomes, and a rebuild changes
    /// no history. <paramref name="reached"/> is each row's statuses passed (<see cref="QualityReached"/> bits).
    /// </summary>
    public async Task RestoreAsync(IReadOnlyList<(OutcomeRecord Record, int Reached)> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var cmd = _dataSource.CreateCommand($"""
            INSERT INTO outcomes ({Columns}, state, quality_day, quality_agent_id, quality_agent_version, quality_reached)
            SELECT {Columns}, state, (coalesce(first_event_at, updated_at) AT TIME ZONE 'UTC')::date, opener_id, opener_version, reached
            FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[],
                        $9::timestamptz[], $10::uuid[], $11::uuid[], $12::integer[], $13::timestamptz[], $14::json[], $15::text[], $16::text[], $17::integer[])
                AS i({Columns}, state, opener_id, opener_version, reached)
            {Upsert}
            """);
        AddRows(cmd, [.. rows.Select(r => Normalize(r.Record))], [.. rows.Select(r => r.Reached)]);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Keys of the tenant's outcomes with something due at or before <paramref name="at"/>, soonest first.</summary>
    public async Task<IReadOnlyList<(string Definition, string Correlation)>> ListDueAsync(
        string tenantId, DateTimeOffset at, int limit, CancellationToken cancellationToken = default)
    {
        await using var cmd = _dataSource.CreateCommand("""
            SELECT definition, correlation FROM outcomes
            WHERE tenant_id = $1 AND next_due_at IS NOT NULL AND next_due_at <= $2
            ORDER BY next_due_at, definition, correlation
            LIMIT $3
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(at.ToUniversalTime());
        cmd.Parameters.AddWithValue(limit);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var keys = new List<(string, string)>();
        while (await r.ReadAsync(cancellationToken))
        {
            keys.Add((r.GetString(0), r.GetString(1)));
        }

        return keys;
    }

    /// <summary>How many of the tenant's outcomes have something due at or before <paramref name="at"/> (the settlement backlog's count).</summary>
    public async Task<long> CountDueAsync(string tenantId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var cmd = _dataSource.CreateCommand("""
            SELECT count(*) FROM outcomes
            WHERE tenant_id = $1 AND next_due_at IS NOT NULL AND next_due_at <= $2
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(at.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The tenant's outcomes, filtered, in (definition, correlation) order; <paramref name="after"/> is the last
    /// key of the previous page.
    /// </summary>
    public async Task<IReadOnlyList<OutcomeSummary>> ListAsync(
        string tenantId,
        string? status = null,
        string? definition = null,
        string? correlation = null,
        int limit = 100,
        (string Definition, string Correlation)? after = null,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM outcomes
            WHERE tenant_id = $1
              AND ($2::text IS NULL OR status = $2)
              AND ($3::text IS NULL OR definition = $3)
              AND ($4::text IS NULL OR correlation = $4)
              AND ($5::text IS NULL OR (definition, correlation) > ($5, $6))
            ORDER BY definition, correlation
            LIMIT $7
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)status ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)definition ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)correlation ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)after?.Definition ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)after?.Correlation ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OutcomeSummary>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(ReadSummary(r));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _reads.DisposeAsync();
    }

    private async Task<IReadOnlyList<bool>> FlushWritesAsync(IReadOnlyList<OutcomeRecord> records, CancellationToken cancellationToken)
    {
        // ON CONFLICT cannot touch one row twice in a statement: of two writes of a key in a batch, the later wins.
        var last = new Dictionary<(string, string, string), OutcomeRecord>();
        foreach (var rec in records)
        {
            last[(rec.Summary.TenantId, rec.Summary.Definition, rec.Summary.Correlation)] = rec;
        }

        var rows = last.Values.ToArray();
        // The statuses each row reached in this flush (an earlier write of a key may have passed one the last has left).
        var reached = new Dictionary<(string, string, string), int>();
        foreach (var rec in records)
        {
            var key = (rec.Summary.TenantId, rec.Summary.Definition, rec.Summary.Correlation);
            reached[key] = reached.GetValueOrDefault(key) | QualityReached.Of(rec.Summary.Status);
        }

        // Prepared (once per physical connection; Npgsql remembers it): planning this statement costs more than
        // running it for a flush of a few dozen rows.
        await using var conn = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(WriteSql, conn);
        AddRows(cmd, rows, [.. rows.Select(r => reached[(r.Summary.TenantId, r.Summary.Definition, r.Summary.Correlation)])]);
        cmd.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint,
            Value = rows.Select(r => r.Summary is { FirstEventAt: { } first, SettlesAt: { } settles }
                ? (object)(short)CompletionHistogram.BucketOf(settles - first)
                : DBNull.Value).ToArray(),
        });
        await cmd.PrepareAsync(cancellationToken);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        return [.. records.Select(_ => true)];
    }

    private async Task<IReadOnlyList<OutcomeRecord?>> FlushReadsAsync(
        IReadOnlyList<(string Tenant, string Definition, string Correlation)> keys, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand($"""
            SELECT {string.Join(", ", Columns.Split(',').Select(c => "o." + c.Trim()))}, o.state::text
            FROM outcomes o
            JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(t, d, c)
              ON o.tenant_id = k.t AND o.definition = k.d AND o.correlation = k.c
            """);
        cmd.Parameters.AddWithValue(keys.Select(k => k.Tenant).ToArray());
        cmd.Parameters.AddWithValue(keys.Select(k => k.Definition).ToArray());
        cmd.Parameters.AddWithValue(keys.Select(k => k.Correlation).ToArray());
        var found = new Dictionary<(string, string, string), OutcomeRecord>();
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                var summary = ReadSummary(r);
                found[(summary.TenantId, summary.Definition, summary.Correlation)] = new OutcomeRecord(summary, r.GetString(13));
            }
        }

        return [.. keys.Select(k => found.GetValueOrDefault(k))];
    }

    // Parameters $1–$17 of an outcome write: the columns, the state, the opener's agent and the statuses reached.
    private static void AddRows(NpgsqlCommand cmd, IReadOnlyList<OutcomeRecord> rows, int[] reached)
    {
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.TenantId).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.Definition).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.Correlation).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.DefinitionVersion).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.Status).ToArray());
        AddInstants(cmd, rows.Select(r => r.Summary.FirstEventAt));
        AddInstants(cmd, rows.Select(r => r.Summary.QualifiedAt));
        AddInstants(cmd, rows.Select(r => r.Summary.SettlesAt));
        AddInstants(cmd, rows.Select(r => r.Summary.NextDueAt));
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = rows.Select(r => (object?)r.Summary.ChargeId ?? DBNull.Value).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = rows.Select(r => (object?)r.Summary.CreditId ?? DBNull.Value).ToArray() });
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.EventCount).ToArray());
        AddInstants(cmd, rows.Select(r => (DateTimeOffset?)r.Summary.UpdatedAt));
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json, Value = rows.Select(r => r.StateJson).ToArray() });
        cmd.Parameters.AddWithValue(rows.Select(r => r.Opener?.Id ?? "").ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Opener?.Version ?? "").ToArray());
        cmd.Parameters.AddWithValue(reached);
    }

    private static void AddInstants(NpgsqlCommand cmd, IEnumerable<DateTimeOffset?> values) =>
        cmd.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            Value = values.Select(v => v is { } x ? (object)x.ToUniversalTime() : DBNull.Value).ToArray(),
        });

    private static OutcomeSummary ReadSummary(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetInt32(3),
        r.GetString(4),
        Instant(r, 5),
        Instant(r, 6),
        Instant(r, 7),
        Instant(r, 8),
        r.IsDBNull(9) ? null : r.GetGuid(9),
        r.IsDBNull(10) ? null : r.GetGuid(10),
        r.GetInt32(11),
        r.GetFieldValue<DateTimeOffset>(12));

    private static DateTimeOffset? Instant(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetFieldValue<DateTimeOffset>(ordinal);

    // PostgreSQL keeps microseconds; truncating first makes what a grain holds equal what a reload returns.
    private static OutcomeRecord Normalize(OutcomeRecord record)
    {
        var s = record.Summary;
        return record with
        {
            Summary = s with
            {
                FirstEventAt = EventTimestamps.Normalize(s.FirstEventAt),
                QualifiedAt = EventTimestamps.Normalize(s.QualifiedAt),
                SettlesAt = EventTimestamps.Normalize(s.SettlesAt),
                NextDueAt = EventTimestamps.Normalize(s.NextDueAt),
                UpdatedAt = EventTimestamps.Normalize(s.UpdatedAt),
            },
        };
    }

}
