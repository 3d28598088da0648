using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Exports;
using Witn.Domain.Ingestion;
using Witn.Storage.Invoices;

namespace Witn.Storage.Exports;

/// <summary>
/// Exports in PostgreSQL (migration 0027). They are made by the outbox fan-out (<c>WebhookStore.FanOutAsync</c>), so
/// each finalized invoice or settled charge is handed to a provider once; exporters lease due exports like webhook
/// senders lease deliveries, record what they created at the provider as they go, and only the lease holder records
/// an outcome. A failure that ends an export (failed, dead) writes an <c>export_failed</c> outbox row in the same
/// statement: webhook <c>export.failed</c>.
/// </summary>
public sealed class ExportStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string RowColumns = "id, provider, subject, subject_id, tenant_id, status, attempts, provider_id, last_error, created_at, exported_at, next_attempt_at, method";

    private DateTimeOffset Now() => EventTimestamps.Normalize(time.GetUtcNow());

    /// <summary>Leases up to <paramref name="batchSize"/> due exports for <paramref name="lease"/> and counts the attempt.</summary>
    public async Task<IReadOnlyList<ClaimedExport>> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var token = Guid.CreateVersion7(now);
        await using var cmd = dataSource.CreateCommand("""
            WITH due AS (
                SELECT id FROM exports
                WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
                ORDER BY next_attempt_at, id
                LIMIT $2
                FOR UPDATE SKIP LOCKED
            )
            UPDATE exports e SET locked_until = $3, lease_token = $4, attempts = e.attempts + 1, first_attempt_at = coalesce(e.first_attempt_at, $1)
            FROM due WHERE e.id = due.id
            RETURNING e.id, e.provider, e.subject, e.subject_id, e.tenant_id, e.attempts, e.first_attempt_at, e.progress::text, e.provider_id, e.round
            """);
        cmd.Parameters.AddWithValue(now);
        cmd.Parameters.AddWithValue(batchSize);
        cmd.Parameters.AddWithValue(EventTimestamps.Normalize(now + lease));
        cmd.Parameters.AddWithValue(token);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedExport>();
        while (await r.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedExport(
                r.GetGuid(0), token, r.GetString(1), r.GetString(2), r.GetGuid(3), r.GetString(4), r.GetInt32(5),
                r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetInt32(9)));
        }

        return claimed;
    }

    /// <summary>Records what this attempt created so far (only while it holds the lease); false when it no longer does.</summary>
    public async Task<bool> SaveProgressAsync(ClaimedExport export, string progress, string? providerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        await using var cmd = dataSource.CreateCommand("""
            UPDATE exports SET progress = $3::jsonb, provider_id = coalesce($4, provider_id)
            WHERE id = $1 AND lease_token = $2 AND status = 'pending'
            """);
        cmd.Parameters.AddWithValue(export.Id);
        cmd.Parameters.AddWithValue(export.LeaseToken);
        cmd.Parameters.AddWithValue(progress);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)providerId ?? DBNull.Value);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Records that the provider holds the subject (with <paramref name="progress"/>, or keeping what the attempt saved as
    /// it went when null); false when the lease was lost (another attempt records it).
    /// </summary>
    public async Task<bool> RecordExportedAsync(ClaimedExport export, string? providerId, string? progress, string? method = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        await using var cmd = dataSource.CreateCommand("""
            UPDATE exports SET status = 'exported', exported_at = $3, provider_id = coalesce($4, provider_id), progress = coalesce($5::jsonb, progress),
                method = coalesce($6, method), last_error = NULL, locked_until = NULL, lease_token = NULL
            WHERE id = $1 AND lease_token = $2 AND status = 'pending'
            """);
        cmd.Parameters.AddWithValue(export.Id);
        cmd.Parameters.AddWithValue(export.LeaseToken);
        cmd.Parameters.AddWithValue(Now());
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)providerId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)progress ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)method ?? DBNull.Value);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Records a failed attempt: pending again at <paramref name="retryAt"/>, or ended as <paramref name="status"/>
    /// (failed, dead) with an <c>export_failed</c> outbox row. Only the lease holder may; returns whether it did.
    /// </summary>
    public async Task<bool> RecordFailureAsync(ClaimedExport export, ExportStatus status, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (status == ExportStatus.Pending != retryAt.HasValue || status == ExportStatus.Exported)
        {
            throw new ArgumentException("a retried export needs its time; an ended one is failed or dead", nameof(status));
        }

        var now = Now();
        await using var cmd = dataSource.CreateCommand("""
            WITH changed AS (
                UPDATE exports SET status = $3, next_attempt_at = coalesce($4, next_attempt_at), last_error = $5, locked_until = NULL, lease_token = NULL
                WHERE id = $1 AND lease_token = $2 AND status = 'pending'
                RETURNING id, tenant_id, status
            ), announced AS (
                INSERT INTO ledger_outbox (kind, ref, tenant_id, created_at)
                SELECT 'export_failed', id, tenant_id, $6 FROM changed WHERE status <> 'pending'
            )
            SELECT count(*) FROM changed
            """);
        cmd.Parameters.AddWithValue(export.Id);
        cmd.Parameters.AddWithValue(export.LeaseToken);
        cmd.Parameters.AddWithValue(ExportNames.Of(status));
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, retryAt is { } at ? EventTimestamps.Normalize(at) : DBNull.Value);
        cmd.Parameters.AddWithValue(error);
        cmd.Parameters.AddWithValue(now);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    public async Task<ExportRow?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {RowColumns} FROM exports WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadRowsAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// The exports of one finalized invoice: its own (Stripe) and those of the charges billed on it (Lago), each charge
    /// export counted under its provider.
    /// </summary>
    public async Task<IReadOnlyList<ExportRow>> ListForInvoiceAsync(Guid invoiceId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {RowColumns} FROM exports WHERE subject = 'invoice' AND subject_id = $1
            UNION ALL
            SELECT {Prefixed("x")} FROM exports x
            JOIN charges c ON c.id = x.subject_id
            JOIN invoices i ON i.id = $1 AND c.tenant_id = i.tenant_id AND c.invoice_period = i.period_start
            WHERE x.subject = 'charge'
            UNION ALL
            SELECT {Prefixed("x")} FROM exports x
            JOIN credits cr ON cr.id = x.subject_id
            JOIN charges c ON c.id = cr.charge_id
            JOIN invoices i ON i.id = $1 AND c.tenant_id = i.tenant_id AND c.invoice_period = i.period_start
            WHERE x.subject = 'credit'
            ORDER BY provider, subject DESC, created_at, id
            """);
        cmd.Parameters.AddWithValue(invoiceId);
        return await ReadRowsAsync(cmd, cancellationToken);
    }

    /// <summary>
    /// Makes the invoice's failed and dead exports to <paramref name="provider"/> due now, with a fresh retry limit;
    /// returns how many. Pending and exported ones are left as they are.
    /// </summary>
    public async Task<int> RetryAsync(Guid invoiceId, string provider, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE exports x SET status = 'pending', next_attempt_at = $3, first_attempt_at = NULL, locked_until = NULL, lease_token = NULL, round = x.round + 1
            WHERE x.provider = $2 AND x.status IN ('failed', 'dead')
              AND ((x.subject = 'invoice' AND x.subject_id = $1)
                OR (x.subject = 'charge' AND x.subject_id IN (
                    SELECT c.id FROM charges c JOIN invoices i ON i.id = $1 AND c.tenant_id = i.tenant_id AND c.invoice_period = i.period_start)))
            """);
        cmd.Parameters.AddWithValue(invoiceId);
        cmd.Parameters.AddWithValue(provider);
        cmd.Parameters.AddWithValue(Now());
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The id of the tenant's finalized invoice for the period starting on <paramref name="periodStart"/> (its billing time zone's date); null for a draft.</summary>
    public async Task<Guid?> FindInvoiceAsync(string tenantId, DateOnly periodStart, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id FROM invoices WHERE tenant_id = $1 AND document::jsonb ->> 'period_start' = to_char($2::date, 'YYYY-MM-DD')
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(periodStart);
        return await cmd.ExecuteScalarAsync(cancellationToken) is Guid id ? id : null;
    }

    /// <summary>A credit's Stripe export inputs: the credit and the Stripe export of its charge's (final) invoice.</summary>
    public async Task<ExportCredit?> GetCreditAsync(Guid creditId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT cr.id, cr.tenant_id, cr.charge_id, cr.reason, cr.amount_minor, ch.currency::text, i.id, x.status, x.provider_id
            FROM credits cr
            JOIN charges ch ON ch.id = cr.charge_id
            LEFT JOIN invoices i ON i.tenant_id = ch.tenant_id AND i.period_start = ch.invoice_period
            LEFT JOIN exports x ON x.provider = 'stripe' AND x.subject = 'invoice' AND x.subject_id = i.id
            WHERE cr.id = $1
            """);
        cmd.Parameters.AddWithValue(creditId);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken)
            ? new ExportCredit(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetGuid(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8))
            : null;
    }

    /// <summary>
    /// The credits on a tenant's period (its <paramref name="periodStart"/> instant) already sent as credit notes, in
    /// minor units by outcome, and how many of its credits' exports have not decided yet (the invoice waits for them).
    /// </summary>
    public async Task<(Dictionary<string, long> ByOutcome, int Undecided)> CreditNotesOnPeriodAsync(string tenantId, DateTimeOffset periodStart, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT ch.outcome, x.status, x.method, cr.amount_minor
            FROM exports x
            JOIN credits cr ON cr.id = x.subject_id
            JOIN charges ch ON ch.id = cr.charge_id
            WHERE x.provider = 'stripe' AND x.subject = 'credit' AND cr.tenant_id = $1 AND cr.invoice_period = $2
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(periodStart);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var byOutcome = new Dictionary<string, long>(StringComparer.Ordinal);
        var undecided = 0;
        while (await r.ReadAsync(cancellationToken))
        {
            var (status, method) = (r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
            if (status == "pending")
            {
                undecided++;
            }
            else if (status == "exported" && method == "credit_note" && !r.IsDBNull(3))
            {
                byOutcome[r.GetString(0)] = byOutcome.GetValueOrDefault(r.GetString(0)) + r.GetInt64(3);
            }
        }

        await r.DisposeAsync();

        // A credit of this period whose outbox row another silo is fanning out right now has no export yet: it may
        // still become a credit note, so it counts as undecided too.
        await using var unpublished = dataSource.CreateCommand("""
            SELECT count(*) FROM ledger_outbox o
            JOIN credits cr ON cr.id = o.ref
            JOIN charges ch ON ch.id = cr.charge_id
            WHERE o.published_at IS NULL AND o.kind = 'credit' AND o.tenant_id = $1
              AND cr.invoice_period = $2 AND cr.invoice_period IS DISTINCT FROM ch.invoice_period
            """);
        unpublished.Parameters.AddWithValue(tenantId);
        unpublished.Parameters.AddWithValue(periodStart);
        undecided += (int)(long)(await unpublished.ExecuteScalarAsync(cancellationToken))!;
        return (byOutcome, undecided);
    }

    /// <summary>Credits sent to Stripe as credit notes (exported), optionally of some tenants: what reconciliation checks besides invoices.</summary>
    public async Task<IReadOnlyList<(ExportCredit Credit, string CreditNote)>> ListCreditNotesAsync(IReadOnlyList<string>? tenants, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT cr.id, cr.tenant_id, cr.charge_id, cr.reason, cr.amount_minor, ch.currency::text, i.id, ix.status, ix.provider_id, x.provider_id
            FROM exports x
            JOIN credits cr ON cr.id = x.subject_id
            JOIN charges ch ON ch.id = cr.charge_id
            LEFT JOIN invoices i ON i.tenant_id = ch.tenant_id AND i.period_start = ch.invoice_period
            LEFT JOIN exports ix ON ix.provider = 'stripe' AND ix.subject = 'invoice' AND ix.subject_id = i.id
            WHERE x.provider = 'stripe' AND x.subject = 'credit' AND x.status = 'exported' AND x.method = 'credit_note'
              AND ($1::text[] IS NULL OR cr.tenant_id = ANY ($1))
            ORDER BY cr.tenant_id, cr.id
            """);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, tenants is null ? DBNull.Value : tenants.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<(ExportCredit, string)>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add((new ExportCredit(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetGuid(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)), r.GetString(9)));
        }

        return list;
    }

    /// <summary>A finalized invoice by id.</summary>
    public async Task<FinalInvoiceRow?> GetInvoiceAsync(Guid invoiceId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT id, tenant_id, period_start, number, currency, total_minor, finalized_at, document FROM invoices WHERE id = $1");
        cmd.Parameters.AddWithValue(invoiceId);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) ? ReadInvoice(r, 0) : null;
    }

    /// <summary>A charge as its Lago event needs it.</summary>
    public async Task<LagoCharge?> GetChargeAsync(Guid chargeId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT c.id, c.tenant_id, c.outcome, c.correlation, c.settles_at, c.amount_minor, c.currency::text, c.value FROM charges c WHERE c.id = $1");
        cmd.Parameters.AddWithValue(chargeId);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) ? ReadCharge(r, 0) : null;
    }

    /// <summary>Every invoice exported to <paramref name="provider"/> (its export exported), optionally of one period start and some tenants.</summary>
    public async Task<IReadOnlyList<ExportedInvoice>> ListExportedInvoicesAsync(string provider, DateOnly? period, IReadOnlyList<string>? tenants, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT x.id, x.status, x.provider_id, i.id, i.tenant_id, i.period_start, i.number, i.currency, i.total_minor, i.finalized_at, i.document
            FROM exports x JOIN invoices i ON i.id = x.subject_id
            WHERE x.provider = $1 AND x.subject = 'invoice' AND x.status = 'exported'
              AND ($2::date IS NULL OR i.document::jsonb ->> 'period_start' = to_char($2::date, 'YYYY-MM-DD'))
              AND ($3::text[] IS NULL OR i.tenant_id = ANY ($3))
            ORDER BY i.tenant_id, i.period_start
            """);
        cmd.Parameters.AddWithValue(provider);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Date, period is { } p ? p : DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, tenants is null ? DBNull.Value : tenants.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<ExportedInvoice>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new ExportedInvoice(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), ReadInvoice(r, 3)));
        }

        return list;
    }

    /// <summary>Every charge exported to Lago, optionally of one invoice period start and some tenants.</summary>
    public async Task<IReadOnlyList<(Guid ExportId, LagoCharge Charge)>> ListExportedChargesAsync(DateOnly? period, IReadOnlyList<string>? tenants, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT x.id, c.id, c.tenant_id, c.outcome, c.correlation, c.settles_at, c.amount_minor, c.currency::text, c.value
            FROM exports x JOIN charges c ON c.id = x.subject_id
            WHERE x.provider = 'lago' AND x.subject = 'charge' AND x.status = 'exported'
              AND ($1::date IS NULL OR EXISTS (SELECT 1 FROM invoices i WHERE i.tenant_id = c.tenant_id AND i.period_start = c.invoice_period
                                                AND i.document::jsonb ->> 'period_start' = to_char($1::date, 'YYYY-MM-DD')))
              AND ($2::text[] IS NULL OR c.tenant_id = ANY ($2))
            ORDER BY c.tenant_id, c.id
            """);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Date, period is { } p ? p : DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, tenants is null ? DBNull.Value : tenants.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<(Guid, LagoCharge)>();
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add((r.GetGuid(0), ReadCharge(r, 1)));
        }

        return list;
    }

    private static string Prefixed(string alias) => string.Join(", ", RowColumns.Split(", ").Select(c => $"{alias}.{c}"));

    private static FinalInvoiceRow ReadInvoice(NpgsqlDataReader r, int at) => new(
        r.GetGuid(at), r.GetString(at + 1), r.GetFieldValue<DateTimeOffset>(at + 2), r.GetString(at + 3), r.GetString(at + 4).Trim(),
        r.GetInt64(at + 5), r.GetFieldValue<DateTimeOffset>(at + 6), r.GetString(at + 7));

    private static LagoCharge ReadCharge(NpgsqlDataReader r, int at) => new(
        r.GetGuid(at), r.GetString(at + 1), r.GetString(at + 2), r.GetString(at + 3), r.GetFieldValue<DateTimeOffset>(at + 4),
        r.IsDBNull(at + 5) ? null : r.GetInt64(at + 5), r.IsDBNull(at + 6) ? null : r.GetString(at + 6), r.IsDBNull(at + 7) ? null : r.GetDecimal(at + 7));

    private static async Task<List<ExportRow>> ReadRowsAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ExportRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new ExportRow(
                r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetGuid(3), r.GetString(4), ExportNames.ParseStatus(r.GetString(5)), r.GetInt32(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetFieldValue<DateTimeOffset>(9),
                r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.GetFieldValue<DateTimeOffset>(11), r.IsDBNull(12) ? null : r.GetString(12)));
        }

        return rows;
    }
}
