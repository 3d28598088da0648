using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Contracts;
using Witn.Domain.Ingestion;
using Witn.Domain.Invoices;

namespace Witn.Storage.Invoices;

/// <summary>
/// Invoices in PostgreSQL: the running totals the ledger keeps per period (read for drafts, never a ledger scan),
/// the rows behind a line, meter aggregates over the event log, and finalization — which locks the period against
/// new ledger rows (they move to the next open period) and stores the rendered document once.
/// </summary>
public sealed class InvoiceStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string InvoiceColumns = "id, tenant_id, period_start, number, currency, total_minor, finalized_at, document";

    private const string RollupsQuery = """
        SELECT outcome, contract_version, price_bucket, unit_price, quantity, value_sum FROM invoice_rollups
        WHERE tenant_id = $1 AND period_start = $2
        """;

    private const string CreditRollupsQuery = """
        SELECT outcome, quantity, amount_minor FROM invoice_credit_rollups
        WHERE tenant_id = $1 AND period_start = $2 ORDER BY outcome
        """;

    /// <summary>How many charges of one outcome and contract version a period holds (every price bucket).</summary>
    public async Task<long> GetOutcomeQuantityAsync(string tenantId, DateTimeOffset periodStart, string outcome, int contractVersion, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT coalesce(sum(quantity), 0)::bigint FROM invoice_rollups
            WHERE tenant_id = $1 AND period_start = $2 AND outcome = $3 AND contract_version = $4
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(periodStart.ToUniversalTime());
        cmd.Parameters.AddWithValue(outcome);
        cmd.Parameters.AddWithValue(contractVersion);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The running totals of one period.</summary>
    public async Task<PeriodUsage> GetUsageAsync(string tenantId, DateTimeOffset periodStart, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadUsageAsync(conn, null, tenantId, periodStart, cancellationToken);
    }

    /// <summary>
    /// A period as a read needs it, in one round trip: its finalized invoice (null while it is a draft) and its
    /// running totals.
    /// </summary>
    public async Task<(FinalInvoiceRow? Final, PeriodUsage Usage)> ReadPeriodAsync(string tenantId, DateTimeOffset periodStart, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(conn)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT {InvoiceColumns} FROM invoices WHERE tenant_id = $1 AND period_start = $2"),
                new NpgsqlBatchCommand(RollupsQuery),
                new NpgsqlBatchCommand(CreditRollupsQuery),
            },
        };
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(periodStart.ToUniversalTime());
        }

        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        var final = (await ReadInvoicesAsync(r, cancellationToken)).SingleOrDefault();
        await r.NextResultAsync(cancellationToken);
        return (final, await ReadUsageAsync(r, cancellationToken));
    }

    /// <summary>Every period the tenant's ledger rows landed on or that was finalized, oldest first.</summary>
    public async Task<IReadOnlyList<InvoicePeriodRow>> ListPeriodsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT tenant_id, period_start, period_end, status FROM invoice_periods WHERE tenant_id = $1 ORDER BY period_start");
        cmd.Parameters.AddWithValue(tenantId);
        return await ReadPeriodsAsync(cmd, cancellationToken);
    }

    /// <summary>The finalized invoices of the tenant, oldest period first.</summary>
    public async Task<IReadOnlyList<FinalInvoiceRow>> ListFinalAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, tenant_id, period_start, number, currency, total_minor, finalized_at, '' FROM invoices WHERE tenant_id = $1 ORDER BY period_start
            """);
        cmd.Parameters.AddWithValue(tenantId);
        return await ReadInvoicesAsync(cmd, cancellationToken);
    }

    /// <summary>The finalized invoice of a period, or null while it is a draft.</summary>
    public async Task<FinalInvoiceRow?> GetFinalAsync(string tenantId, DateTimeOffset periodStart, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {InvoiceColumns} FROM invoices WHERE tenant_id = $1 AND period_start = $2
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(periodStart.ToUniversalTime());
        return (await ReadInvoicesAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    // The period's charges of one outcome, contract version and (when given) price bucket: the rows of an outcome line.
    private const string LineCharges = """
        tenant_id = $1 AND invoice_period = $2 AND outcome = $3 AND coalesce(contract_version, 0) = $4 AND ($5::text IS NULL OR price_bucket = $5)
        """;

    /// <summary>
    /// The charges behind an outcome line, in tier-position order (settles_at, id): <paramref name="take"/> of them
    /// after the charge <paramref name="after"/> (keyset), or for the first page from position
    /// <paramref name="tierStart"/> + 1 (where the line's tier starts) among the period's charges of that outcome,
    /// contract version and (when given) price bucket.
    /// </summary>
    public async Task<IReadOnlyList<LineItem>> ListLineChargesAsync(
        string tenantId, DateTimeOffset periodStart, string outcome, int? contractVersion, string? bucket, long tierStart, Guid? after, int take, bool summaries,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT id, NULL::uuid, outcome, correlation, settles_at, {(summaries ? "evidence->>'summary'" : "NULL")}
            FROM charges
            WHERE {LineCharges}
              AND ($8::uuid IS NULL OR (settles_at, id) > (SELECT settles_at, id FROM charges WHERE id = $8 AND tenant_id = $1))
            ORDER BY settles_at, id
            OFFSET $6 LIMIT $7
            """);
        AddLine(cmd, tenantId, periodStart, outcome, contractVersion, bucket);
        cmd.Parameters.AddWithValue(tierStart);
        cmd.Parameters.AddWithValue(take);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)after ?? DBNull.Value);
        return await ReadItemsAsync(cmd, cancellationToken);
    }

    /// <summary>The open disputes (open or under review) on the charges of a period, for the draft to mark its lines.</summary>
    public async Task<IReadOnlyList<OpenDisputeRow>> ListOpenDisputesAsync(string tenantId, DateTimeOffset periodStart, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT c.id, c.outcome, coalesce(c.contract_version, 0), c.price_bucket, d.amount_minor
            FROM disputes d JOIN charges c ON c.id = d.charge_id
            WHERE d.tenant_id = $1 AND d.status IN ('open', 'under_review') AND c.tenant_id = $1 AND c.invoice_period = $2
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(periodStart.ToUniversalTime());
        var rows = new List<OpenDisputeRow>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new OpenDisputeRow(r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetInt64(4)));
        }

        return rows;
    }

    /// <summary>The 1-based position of the charge <paramref name="id"/> among an outcome line's charges; null when it is not one of them.</summary>
    public async Task<long?> LineChargePositionAsync(
        string tenantId, DateTimeOffset periodStart, string outcome, int? contractVersion, string? bucket, Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT count(*) FROM charges, (SELECT settles_at AS s, id AS i FROM charges WHERE id = $6 AND {LineCharges}) c
            WHERE {LineCharges} AND (settles_at, id) <= (c.s, c.i)
            """);
        AddLine(cmd, tenantId, periodStart, outcome, contractVersion, bucket);
        cmd.Parameters.AddWithValue(id);
        var count = (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        return count == 0 ? null : count;
    }

    /// <summary>The credits of one outcome landing in a period, oldest first: at most <paramref name="take"/> after the credit <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<LineItem>> ListLineCreditsAsync(
        string tenantId, DateTimeOffset periodStart, string outcome, Guid? after, int take, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT cr.id, cr.charge_id, ch.outcome, ch.correlation, coalesce(cr.effective_at, cr.created_at), cr.reason
            FROM credits cr JOIN charges ch ON ch.id = cr.charge_id
            WHERE cr.tenant_id = $1 AND cr.invoice_period = $2 AND ch.outcome = $3
              AND ($4::uuid IS NULL OR (cr.created_at, cr.id) > (SELECT created_at, id FROM credits WHERE id = $4 AND tenant_id = $1))
            ORDER BY cr.created_at, cr.id
            LIMIT $5
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(periodStart.ToUniversalTime());
        cmd.Parameters.AddWithValue(outcome);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)after ?? DBNull.Value);
        cmd.Parameters.AddWithValue(take);
        return await ReadItemsAsync(cmd, cancellationToken);
    }

    private static void AddLine(NpgsqlCommand cmd, string tenantId, DateTimeOffset periodStart, string outcome, int? contractVersion, string? bucket)
    {
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(periodStart.ToUniversalTime());
        cmd.Parameters.AddWithValue(outcome);
        cmd.Parameters.AddWithValue(contractVersion ?? 0);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)bucket ?? DBNull.Value);
    }

    /// <summary>
    /// A meter's quantity over the tenant's events with timestamps in [<paramref name="from"/>, <paramref name="to"/>):
    /// count, or sum / max / distinct count of the numeric or text value at <paramref name="meter"/>'s property path.
    /// Values that are missing or not numbers are left out of sum and max.
    /// </summary>
    public async Task<decimal> GetMeterQuantityAsync(string tenantId, Meter meter, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var value = "(properties #>> $4::text[])";
        var numeric = $"CASE WHEN jsonb_typeof(properties #> $4::text[]) = 'number' THEN {value}::numeric END";
        var aggregate = meter.Aggregate switch
        {
            MeterAggregate.Count => "count(*)::numeric",
            MeterAggregate.Sum => $"coalesce(sum({numeric}), 0)",
            MeterAggregate.Max => $"coalesce(max({numeric}), 0)",
            MeterAggregate.UniqueCount => $"count(DISTINCT {value})::numeric",
            _ => throw new ArgumentOutOfRangeException(nameof(meter), meter.Aggregate, "unknown meter aggregate"),
        };
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {aggregate} FROM events
            WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND type = $5
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(from.ToUniversalTime());
        cmd.Parameters.AddWithValue(to.ToUniversalTime());
        cmd.Parameters.AddWithValue((meter.Property ?? string.Empty).Split('.', StringSplitOptions.RemoveEmptyEntries));
        cmd.Parameters.AddWithValue(meter.Event);
        return (decimal)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Freezes the period's invoice once: locks the period (ledger rows still assigning to it finish first; later
    /// ones see it final and move to the next period), hands its running totals to <paramref name="render"/> with
    /// the invoice number and <paramref name="finalizedAt"/> (the tenant's clock), and stores the document with an
    /// outbox row, all in one transaction. A period already final returns its stored invoice and renders nothing.
    /// </summary>
    public async Task<(FinalInvoiceRow Invoice, bool Created)> FinalizeAsync(
        string tenantId, PeriodRange period, DateTimeOffset finalizedAt, Func<PeriodUsage, string, DateTimeOffset, Task<InvoiceDocument>> render,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(render);
        var start = period.Start.ToUniversalTime();
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var ensure = new NpgsqlCommand("""
            INSERT INTO invoice_periods (tenant_id, period_start, period_end) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
            """, conn, tx))
        {
            ensure.Parameters.AddWithValue(tenantId);
            ensure.Parameters.AddWithValue(start);
            ensure.Parameters.AddWithValue(period.End.ToUniversalTime());
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }

        string status;
        await using (var lockPeriod = new NpgsqlCommand("SELECT status FROM invoice_periods WHERE tenant_id = $1 AND period_start = $2 FOR UPDATE", conn, tx))
        {
            lockPeriod.Parameters.AddWithValue(tenantId);
            lockPeriod.Parameters.AddWithValue(start);
            status = (string)(await lockPeriod.ExecuteScalarAsync(cancellationToken))!;
        }

        if (status == "final")
        {
            await tx.CommitAsync(cancellationToken);
            return ((await GetFinalAsync(tenantId, start, cancellationToken))!, false);
        }

        // Numbers run 1, 2, … per tenant without gaps: finalizations of one tenant take turns. The count is its own
        // statement so its snapshot is taken after the lock is held.
        await using (var lockTenant = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('witn.invoices'), hashtext($1))", conn, tx))
        {
            lockTenant.Parameters.AddWithValue(tenantId);
            await lockTenant.ExecuteNonQueryAsync(cancellationToken);
        }

        long sequence;
        await using (var number = new NpgsqlCommand("SELECT count(*) + 1 FROM invoices WHERE tenant_id = $1", conn, tx))
        {
            number.Parameters.AddWithValue(tenantId);
            sequence = (long)(await number.ExecuteScalarAsync(cancellationToken))!;
        }

        var usage = await ReadUsageAsync(conn, tx, tenantId, start, cancellationToken);
        finalizedAt = EventTimestamps.Normalize(finalizedAt);
        var invoiceNumber = $"{tenantId.ToUpperInvariant()}-{sequence:D5}";
        var document = await render(usage, invoiceNumber, finalizedAt);
        var id = Guid.CreateVersion7(time.GetUtcNow());
        await using (var insert = new NpgsqlCommand("""
            WITH invoice AS (
                INSERT INTO invoices (id, tenant_id, period_start, number, currency, total_minor, finalized_at, document, recorded_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                RETURNING id, tenant_id, finalized_at
            ), outbox AS (
                INSERT INTO ledger_outbox (kind, ref, tenant_id, created_at) SELECT 'invoice', id, tenant_id, finalized_at FROM invoice
            )
            UPDATE invoice_periods SET status = 'final' WHERE tenant_id = $2 AND period_start = $3
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(tenantId);
            insert.Parameters.AddWithValue(start);
            insert.Parameters.AddWithValue(invoiceNumber);
            insert.Parameters.AddWithValue(document.Currency);
            insert.Parameters.AddWithValue(document.TotalMinor);
            insert.Parameters.AddWithValue(finalizedAt);
            insert.Parameters.AddWithValue(document.Json);
            insert.Parameters.AddWithValue(time.GetUtcNow());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return (new FinalInvoiceRow(id, tenantId, start, invoiceNumber, document.Currency, document.TotalMinor, finalizedAt, document.Json), true);
    }

    /// <summary>
    /// Records periods that have no row yet (nothing landed on them), as open, so automatic finalization finds them:
    /// a period without charges still owes its base fee and minimum commitment.
    /// </summary>
    public async Task EnsurePeriodsAsync(string tenantId, IReadOnlyList<PeriodRange> periods, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0)
        {
            return;
        }

        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO invoice_periods (tenant_id, period_start, period_end)
            SELECT $1, * FROM unnest($2::timestamptz[], $3::timestamptz[])
            ON CONFLICT DO NOTHING
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(periods.Select(p => p.Start.ToUniversalTime()).ToArray());
        cmd.Parameters.AddWithValue(periods.Select(p => p.End.ToUniversalTime()).ToArray());
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Open periods of tenants that finalize automatically whose end plus the tenant's grace has passed on the
    /// tenant's clock (a sandbox tenant's test clock, else <paramref name="now"/>).
    /// </summary>
    public async Task<IReadOnlyList<InvoicePeriodRow>> ListDueForFinalizationAsync(DateTimeOffset now, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT p.tenant_id, p.period_start, p.period_end, p.status
            FROM invoice_periods p JOIN tenants t ON t.id = p.tenant_id
            WHERE p.status = 'open' AND t.auto_finalize AND ($2::text IS NULL OR t.id = $2)
              AND p.period_end + make_interval(secs => t.finalize_grace_seconds) <= CASE WHEN t.sandbox THEN t.clock_now ELSE $1 END
            ORDER BY p.tenant_id, p.period_start
            LIMIT 1000
            """);
        cmd.Parameters.AddWithValue(now.ToUniversalTime());
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)tenantId ?? DBNull.Value);
        return await ReadPeriodsAsync(cmd, cancellationToken);
    }

    private static async Task<PeriodUsage> ReadUsageAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string tenantId, DateTimeOffset periodStart, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands = { new NpgsqlBatchCommand(RollupsQuery), new NpgsqlBatchCommand(CreditRollupsQuery) },
        };
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue(tenantId);
            command.Parameters.AddWithValue(periodStart.ToUniversalTime());
        }

        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadUsageAsync(r, cancellationToken);
    }

    /// <summary>Reads the results of <see cref="RollupsQuery"/> and then <see cref="CreditRollupsQuery"/>.</summary>
    private static async Task<PeriodUsage> ReadUsageAsync(NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        var outcomes = new List<OutcomeRollup>();
        while (await r.ReadAsync(cancellationToken))
        {
            outcomes.Add(new OutcomeRollup(
                r.GetString(0),
                r.GetInt32(1) is var v && v > 0 ? v : null,
                r.GetString(2) is { Length: > 0 } bucket ? bucket : null,
                r.IsDBNull(3) ? null : r.GetDecimal(3),
                r.GetInt64(4),
                r.GetDecimal(5)));
        }

        await r.NextResultAsync(cancellationToken);
        var credits = new List<CreditRollup>();
        while (await r.ReadAsync(cancellationToken))
        {
            credits.Add(new CreditRollup(r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
        }

        return new PeriodUsage(outcomes, credits);
    }

    private static async Task<List<InvoicePeriodRow>> ReadPeriodsAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<InvoicePeriodRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new InvoicePeriodRow(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3)));
        }

        return rows;
    }

    private static async Task<List<FinalInvoiceRow>> ReadInvoicesAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await ReadInvoicesAsync(r, cancellationToken);
    }

    private static async Task<List<FinalInvoiceRow>> ReadInvoicesAsync(NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        var rows = new List<FinalInvoiceRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new FinalInvoiceRow(
                r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4).Trim(),
                r.GetInt64(5), r.GetFieldValue<DateTimeOffset>(6), r.GetString(7)));
        }

        return rows;
    }

    private static async Task<List<LineItem>> ReadItemsAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<LineItem>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new LineItem(
                r.GetGuid(0), r.IsDBNull(1) ? null : r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
                r.IsDBNull(5) ? null : r.GetString(5)));
        }

        return rows;
    }
}
