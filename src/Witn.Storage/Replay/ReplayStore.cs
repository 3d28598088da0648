using System.Runtime.CompilerServices;
using Npgsql;
using Witn.Domain.Evaluation;
using Witn.Storage.Log;

namespace Witn.Storage.Replay;

/// <summary>
/// What replay reads: a tenant's events grouped by outcome (PostgreSQL sorts them by correlation, so replay holds
/// one outcome at a time), review decisions, clock advances, and the ledger it is checked against. A big tenant is
/// read in buckets (a hash of the correlation), each a separate query that any silo can run.
/// </summary>
public sealed class ReplayStore(NpgsqlDataSource db)
{
    /// <summary>
    /// The tenant's events of <paramref name="types"/> in bucket <paramref name="bucket"/> of <paramref name="buckets"/>,
    /// ordered by the text at <paramref name="correlateBy"/> and then in log order: one outcome's events are
    /// consecutive. The caller derives each event's correlation with the domain's own rule.
    /// </summary>
    public async IAsyncEnumerable<LoggedEvent> ReadOutcomeEventsAsync(
        string tenantId, IReadOnlyList<string> types, string correlateBy, int bucket, int buckets, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var key = KeySql(correlateBy, 5);
        await using var cmd = db.CreateCommand($"""
            SELECT {EventLogSql.EventColumns} FROM events
            WHERE tenant_id = $1 AND type = ANY($2) AND ($4 = 1 OR (hashtext({key}) & 2147483647) % $4 = $3)
            ORDER BY {key} COLLATE "C", partition, position
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(types.ToArray());
        cmd.Parameters.AddWithValue(bucket);
        cmd.Parameters.AddWithValue(buckets);
        cmd.Parameters.AddWithValue(correlateBy.Split('.'));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return EventLogReader.Read(reader);
        }
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

    // The correlation's text as SQL: an envelope field's column, else the property path (parameter $n, a text[]).
    private static string KeySql(string correlateBy, int parameter) => correlateBy switch
    {
        "$agent.id" => "agent_id",
        "$agent.version" => "agent_version",
        "$type" => "type",
        "$timestamp" => throw new NotSupportedException("replay cannot group outcomes correlated by $timestamp"),
        _ => $"(properties #>> ${parameter}::text[])",
    };
}
