using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Ingestion;
using Witn.Storage.Batching;
using Witn.Storage.Postgres;

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

    private const string UpsertSql = $"""
        INSERT INTO outcomes ({Columns}, state)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::timestamptz[],
                             $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::uuid[], $11::uuid[],
                             $12::integer[], $13::timestamptz[], $14::json[])
        ON CONFLICT (tenant_id, definition, correlation) DO UPDATE SET
            definition_version = EXCLUDED.definition_version, status = EXCLUDED.status,
            first_event_at = EXCLUDED.first_event_at, qualified_at = EXCLUDED.qualified_at,
            settles_at = EXCLUDED.settles_at, next_due_at = EXCLUDED.next_due_at, charge_id = EXCLUDED.charge_id,
            credit_id = EXCLUDED.credit_id, event_count = EXCLUDED.event_count, updated_at = EXCLUDED.updated_at,
            state = EXCLUDED.state
        """;

    // One primary-key probe per key whatever the plan: a prepared statement may run a generic plan, which does
    // not know how many keys a batch holds (a join could choose to scan the whole table).
    private const string ReadSql = $"""
        SELECT o.*, k.ord FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(t, d, c, ord)
        CROSS JOIN LATERAL (
            SELECT {Columns}, state::text FROM outcomes WHERE tenant_id = k.t AND definition = k.d AND correlation = k.c
        ) AS o
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
        var last = new Dictionary<(string, string, string), OutcomeRecord>(records.Count);
        foreach (var rec in records)
        {
            last[(rec.Summary.TenantId, rec.Summary.Definition, rec.Summary.Correlation)] = rec;
        }

        // Typed arrays (no boxing, no per-element converter lookup), in the order of UpsertSql's parameters.
        var n = last.Count;
        var (tenant, definition, correlation, status, state) = (new string[n], new string[n], new string[n], new string[n], new string[n]);
        var (version, eventCount) = (new int[n], new int[n]);
        var (firstEventAt, qualifiedAt, settlesAt, nextDueAt) = (new DateTimeOffset?[n], new DateTimeOffset?[n], new DateTimeOffset?[n], new DateTimeOffset?[n]);
        var updatedAt = new DateTimeOffset[n];
        var (chargeId, creditId) = (new Guid?[n], new Guid?[n]);
        var i = 0;
        foreach (var (summary, json) in last.Values)
        {
            (tenant[i], definition[i], correlation[i], version[i], status[i]) = (summary.TenantId, summary.Definition, summary.Correlation, summary.DefinitionVersion, summary.Status);
            (firstEventAt[i], qualifiedAt[i], settlesAt[i], nextDueAt[i]) = (Utc(summary.FirstEventAt), Utc(summary.QualifiedAt), Utc(summary.SettlesAt), Utc(summary.NextDueAt));
            (chargeId[i], creditId[i], eventCount[i], updatedAt[i], state[i]) = (summary.ChargeId, summary.CreditId, summary.EventCount, summary.UpdatedAt.ToUniversalTime(), json);
            i++;
        }

        await using var prepared = await PreparedCommand.OpenAsync(_dataSource, UpsertSql, cancellationToken);
        var p = prepared.Command.Parameters;
        p.Add(new NpgsqlParameter<string[]> { TypedValue = tenant });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = definition });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = correlation });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = version });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = status });
        foreach (var instants in new[] { firstEventAt, qualifiedAt, settlesAt, nextDueAt })
        {
            p.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = instants, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        }

        p.Add(new NpgsqlParameter<Guid?[]> { TypedValue = chargeId, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        p.Add(new NpgsqlParameter<Guid?[]> { TypedValue = creditId, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = eventCount });
        p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = updatedAt });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = state, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        await prepared.PrepareAsync(cancellationToken);
        await prepared.Command.ExecuteNonQueryAsync(cancellationToken);
        var written = new bool[records.Count];
        Array.Fill(written, true);
        return written;
    }

    private async Task<IReadOnlyList<OutcomeRecord?>> FlushReadsAsync(
        IReadOnlyList<(string Tenant, string Definition, string Correlation)> keys, CancellationToken cancellationToken)
    {
        var (tenant, definition, correlation) = (new string[keys.Count], new string[keys.Count], new string[keys.Count]);
        for (var i = 0; i < keys.Count; i++)
        {
            (tenant[i], definition[i], correlation[i]) = keys[i];
        }

        await using var prepared = await PreparedCommand.OpenAsync(_dataSource, ReadSql, cancellationToken);
        prepared.Command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tenant });
        prepared.Command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = definition });
        prepared.Command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = correlation });
        await prepared.PrepareAsync(cancellationToken);
        var found = new OutcomeRecord?[keys.Count];
        await using (var r = await prepared.Command.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                found[r.GetInt64(14) - 1] = new OutcomeRecord(ReadSummary(r), r.GetString(13));
            }
        }

        return found;
    }

    private static DateTimeOffset? Utc(DateTimeOffset? value) => value?.ToUniversalTime();

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
