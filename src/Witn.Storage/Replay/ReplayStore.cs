using System.Runtime.CompilerServices;
using Npgsql;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Storage.Log;

namespace Witn.Storage.Replay;

/// <summary>
/// What replay reads: a tenant's events grouped by outcome (PostgreSQL sorts them by correlation, so replay holds
/// one outcome at a time), review decisions, clock advances, and the ledger it is checked against. A big tenant is
/// read in buckets (a hash of the correlation), each a separate read that any silo can run.
/// </summary>
public sealed class ReplayStore(NpgsqlDataSource db)
{

    /// <summary>The memory PostgreSQL may sort one partition's events in (per replay read).</summary>
    public const string SortMemory = "256MB";

    /// <summary>
    /// The tenant's events of <paramref name="types"/> in bucket <paramref name="bucket"/> of <paramref name="buckets"/>,
    /// ordered by the text at <paramref name="correlateBy"/> and then in log order: one outcome's events are
    /// consecutive, so the caller holds one outcome at a time. The caller derives each event's correlation with the
    /// domain's own rule. Read with binary COPY, only the columns an outcome keeps.
    /// </summary>
    public async IAsyncEnumerable<OutcomeEvent> ReadOutcomeEventsAsync(
        string tenantId, IReadOnlyList<string> types, string correlateBy, int bucket, int buckets, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var key = KeySql(correlateBy);
        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        // A partition's sort (at most ReplayRunner.PartitionEvents events) then fits in memory; the default work_mem
        // spills it to disk and the sort, not the replay, sets the pace.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using (var settings = new NpgsqlCommand($"SET LOCAL work_mem = '{SortMemory}'", conn, tx))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        // COPY takes no parameters: every value is a literal, quoted by PostgreSQL's own quote_literal.
        string literals;
        await using (var quote = new NpgsqlCommand("SELECT quote_literal($1), quote_literal($2::text[]), quote_literal($3::text[])", conn, tx))
        {
            quote.Parameters.AddWithValue(tenantId);
            quote.Parameters.AddWithValue(types.ToArray());
            quote.Parameters.AddWithValue(correlateBy.Split('.'));
            await using var r = await quote.ExecuteReaderAsync(cancellationToken);
            await r.ReadAsync(cancellationToken);
            literals = string.Join('\u0001', r.GetString(0), r.GetString(1), r.GetString(2));
        }

        var (tenant, typeArray, path) = literals.Split('\u0001') is [var a, var b, var c] ? (a, b, c) : throw new InvalidOperationException("quote_literal");
        var keyText = key.Replace("$path", $"{path}::text[]", StringComparison.Ordinal);
        var filter = buckets == 1 ? "" : $" AND (hashtext({keyText}) & 2147483647) % {buckets} = {bucket}";
        var export = await conn.BeginBinaryExportAsync($"""
            COPY (SELECT event_id, type, occurred_at, idempotency_key, agent_id, agent_version, trace_id, span_id, properties::text, received_at FROM events
                  WHERE tenant_id = {tenant} AND type = ANY({typeArray}::text[]){filter}
                  ORDER BY {keyText} COLLATE "C", partition, position) TO STDOUT (FORMAT BINARY)
            """, cancellationToken);
        while (await export.StartRowAsync(cancellationToken) >= 0)
        {
            var id = await export.ReadAsync<Guid>(NpgsqlTypes.NpgsqlDbType.Uuid, cancellationToken);
            var type = await export.ReadAsync<string>(NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
            var at = await export.ReadAsync<DateTimeOffset>(NpgsqlTypes.NpgsqlDbType.TimestampTz, cancellationToken);
            var idempotency = export.IsNull ? Skip(export) : await export.ReadAsync<string>(NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
            var agentId = export.IsNull ? Skip(export) : await export.ReadAsync<string>(NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
            var agentVersion = export.IsNull ? Skip(export) : await export.ReadAsync<string>(NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
            var traceId = export.IsNull ? Skip(export) : await export.ReadAsync<string>(NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
            var spanId = export.IsNull ? Skip(export) : await export.ReadAsync<string>(NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
            var properties = await export.ReadAsync<string>(NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
            var received = await export.ReadAsync<DateTimeOffset>(NpgsqlTypes.NpgsqlDbType.TimestampTz, cancellationToken);
            yield return OutcomeEvent.Create(id, tenantId, type, at, properties, idempotency ?? "", agentId is null ? null : new AgentRef(agentId, agentVersion), traceId, spanId, received);
        }

        // The export ends the COPY; only then can the transaction end.
        await export.DisposeAsync();
        await tx.CommitAsync(cancellationToken);
    }

    private static string? Skip(NpgsqlBinaryExporter export)
    {
        export.Skip();
        return null;
    }

    /// <summary>How many of the tenant's events have one of <paramref name="types"/> (sizes the buckets and the progress).</summary>
    public async Task<long> CountEventsAsync(string tenantId, IReadOnlyList<string> types, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) FROM events WHERE tenant_id = $1 AND type = ANY($2)");
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(types.ToArray());
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Records a review decision as it is taken (a retry of the same decision changes nothing).</summary>
    public async Task RecordReviewAsync(string tenantId, string definition, string correlation, ReviewDecision decision, DateTimeOffset recordedAt, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO review_decisions (tenant_id, definition, correlation, decided_at, verdict, decided_by, note, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(definition);
        cmd.Parameters.AddWithValue(correlation);
        cmd.Parameters.AddWithValue(decision.DecidedAt.ToUniversalTime());
        cmd.Parameters.AddWithValue(decision.Verdict == ReviewVerdict.Approve ? "approve" : "reject");
        cmd.Parameters.AddWithValue((object?)decision.DecidedBy ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)decision.Note ?? DBNull.Value);
        cmd.Parameters.AddWithValue(recordedAt.ToUniversalTime());
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The tenant's review decisions for one definition, in the order they were taken.</summary>
    public async Task<IReadOnlyList<ReplayReviewRow>> ListReviewsAsync(string tenantId, string definition, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT definition, correlation, decided_at, verdict, decided_by, note, recorded_at FROM review_decisions
            WHERE tenant_id = $1 AND definition = $2 ORDER BY recorded_at, decided_at
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(definition);
        var rows = new List<ReplayReviewRow>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var decision = new ReviewDecision(
                reader.GetString(3) == "approve" ? ReviewVerdict.Approve : ReviewVerdict.Reject,
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5));
            rows.Add(new ReplayReviewRow(reader.GetString(0), reader.GetString(1), decision, reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return rows;
    }

    /// <summary>A sandbox tenant's clock advances: (real time, the clock it moved to), in the order they happened.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset AdvancedAt, DateTimeOffset ClockNow)>> ListClockAdvancesAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("SELECT advanced_at, clock_now FROM tenant_clock_advances WHERE tenant_id = $1 ORDER BY advanced_at, clock_now");
        cmd.Parameters.AddWithValue(tenantId);
        var rows = new List<(DateTimeOffset, DateTimeOffset)>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return rows;
    }

    /// <summary>The finalized invoices' periods and when (real time) they became final: a later ledger row moves to the next period.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset PeriodStart, DateTimeOffset FinalizedAt)>> ListFinalizedAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("SELECT period_start, coalesce(recorded_at, finalized_at) FROM invoices WHERE tenant_id = $1 ORDER BY period_start");
        cmd.Parameters.AddWithValue(tenantId);
        var rows = new List<(DateTimeOffset, DateTimeOffset)>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return rows;
    }

    /// <summary>The ledger's charges of one definition in a bucket, each with its lifecycle credit, by correlation and sequence.</summary>
    public async Task<IReadOnlyList<ReplayLedgerCharge>> ListChargesAsync(string tenantId, string definition, int bucket, int buckets, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT ch.id, ch.correlation, ch.sequence, ch.contract_version, ch.currency, ch.unit_price, ch.amount_minor, ch.price_bucket,
                   ch.value, ch.qualified_at, ch.settles_at, ch.invoice_period, lc.id, lc.reason, lc.effective_at, lc.invoice_period, lc.amount_minor
            FROM charges ch
            LEFT JOIN credits lc ON lc.charge_id = ch.id AND lc.dispute_id IS NULL
            WHERE ch.tenant_id = $1 AND ch.outcome = $2 AND ($4 = 1 OR (hashtext(ch.correlation) & 2147483647) % $4 = $3)
            ORDER BY ch.correlation COLLATE "C", ch.sequence
            """);
        AddScope(cmd, tenantId, definition, bucket, buckets);
        var rows = new List<ReplayLedgerCharge>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReplayLedgerCharge(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetDecimal(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.GetString(7) is { Length: > 0 } b ? b : null,
                reader.IsDBNull(8) ? null : reader.GetDecimal(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                reader.IsDBNull(12) ? null : reader.GetGuid(12),
                reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
                reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
                reader.IsDBNull(16) ? null : reader.GetInt64(16)));
        }

        return rows;
    }

    /// <summary>The dispute credits on one definition's charges in a bucket.</summary>
    public async Task<IReadOnlyList<ReplayDisputeCredit>> ListDisputeCreditsAsync(string tenantId, string definition, int bucket, int buckets, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT ch.correlation, ch.sequence, d.amount_minor, d.invoice_period, d.created_at
            FROM credits d JOIN charges ch ON ch.id = d.charge_id
            WHERE d.dispute_id IS NOT NULL AND ch.tenant_id = $1 AND ch.outcome = $2
              AND ($4 = 1 OR (hashtext(ch.correlation) & 2147483647) % $4 = $3)
            ORDER BY d.created_at, d.id
            """);
        AddScope(cmd, tenantId, definition, bucket, buckets);
        var rows = new List<ReplayDisputeCredit>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReplayDisputeCredit(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    private static void AddScope(NpgsqlCommand cmd, string tenantId, string definition, int bucket, int buckets)
    {
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(definition);
        cmd.Parameters.AddWithValue(bucket);
        cmd.Parameters.AddWithValue(buckets);
    }

    // The correlation's text as SQL: an envelope field's column, else the property path ($path: a text[] literal).
    private static string KeySql(string correlateBy) => correlateBy switch
    {
        "$agent.id" => "agent_id",
        "$agent.version" => "agent_version",
        "$type" => "type",
        "$timestamp" => throw new NotSupportedException("replay cannot group outcomes correlated by $timestamp"),
        _ => "(properties #>> $path)",
    };
}
