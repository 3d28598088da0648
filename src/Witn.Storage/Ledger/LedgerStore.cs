using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Contracts;
using Witn.Domain.Ingestion;
using Witn.Storage.Invoices;
using Witn.Storage.Quality;

namespace Witn.Storage.Ledger;

/// <summary>
/// The ledger in PostgreSQL. Exactly-once is the database's unique keys: a commit inserts ON CONFLICT DO NOTHING
/// together with its outbox row in one transaction, and a repeat reads back the row that won and writes nothing.
/// Rows are never updated or deleted (the schema's triggers refuse it).
/// </summary>
public sealed class LedgerStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string ChargeColumns = """
        id, tenant_id, outcome, definition_version, correlation, qualified_at, settles_at, committed_at, agent_id,
        agent_version, dimensions::text, value, contract_version, currency, unit_price, amount_minor, evidence::text,
        invoice_period, price_bucket, sequence
        """;

    private const string CreditColumns = """
        cr.id, cr.charge_id, cr.tenant_id, cr.reason, cr.created_at, ch.currency, cr.amount_minor, cr.evidence::text,
        cr.effective_at, cr.invoice_period, cr.dispute_id
        """;

    // Quality counts of the charges a commit created (docs/quality.md): charged, unpriced (no currency: how the
    // ledger marks a charge without a contract price) and with complete evidence, in their outcome's cell.
    private static readonly string ChargeQuality = QualitySql.Add("quality_counters", $"""
        SELECT {QualitySql.ChargeCell}, 1, (ch.currency IS NULL)::int, {QualitySql.EvidenceComplete}
        FROM charge ch {QualitySql.OutcomeOfCharge}
        WHERE {QualitySql.Counted}
        """, ["charges", "unpriced_charges", "evidence_complete"]);

    // A credit counts in its charge's cell; the charge counts as credited with its first credit (the statement's
    // snapshot does not see the row being inserted; the charge's advisory lock orders concurrent credits).
    private static readonly string CreditQuality = QualitySql.Add("quality_counters", $"""
        SELECT {QualitySql.ChargeCell}, 1, (NOT EXISTS (SELECT 1 FROM credits x WHERE x.charge_id = cr.charge_id))::int
        FROM cr JOIN charges ch ON ch.id = cr.charge_id {QualitySql.OutcomeOfCharge}
        WHERE {QualitySql.Counted}
        """, ["credits", "credited_charges"]);

    private static readonly string CreditAmountQuality = QualitySql.Add("quality_amounts", $"""
        SELECT {QualitySql.ChargeCell}, ch.currency, coalesce(cr.amount_minor, 0)
        FROM cr JOIN charges ch ON ch.id = cr.charge_id {QualitySql.OutcomeOfCharge}
        WHERE {QualitySql.Counted} AND ch.currency IS NOT NULL
        """, ["credited_minor"], ["currency"]);

    /// <summary>
    /// Commits <paramref name="charge"/> unless its (tenant, outcome, correlation, sequence) is already charged;
    /// returns the stored charge and whether this call created it. A repeat returns the original even if its fields differ.
    /// </summary>
    public async Task<(ChargeRow Charge, bool Created)> CommitChargeAsync(NewCharge charge, CancellationToken cancellationToken = default) =>
        (await CommitChargesAsync([charge], cancellationToken))[0];

    /// <summary>
    /// Commits many charges in one transaction (group commit): each charge with its evidence and outbox row, and
    /// each answer like <see cref="CommitChargeAsync"/>'s, in input order. Two inputs for one outcome get the same
    /// row; only the first counts as created.
    /// </summary>
    public async Task<IReadOnlyList<(ChargeRow Charge, bool Created)>> CommitChargesAsync(
        IReadOnlyList<NewCharge> charges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charges);
        var amounts = charges.Select(AmountMinor).ToArray();
        var now = EventTimestamps.Normalize(time.GetUtcNow());
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var periods = await InvoicePeriodAssigner.AssignAsync(conn, tx, [.. charges.Select(c => (c.TenantId, c.Billing, c.SettlesAt))], cancellationToken);

        // One statement inserts the new charges and, only for those, their outbox rows and invoice running totals.
        // Rollup keys are upserted in key order so two concurrent commits lock shared rows in the same order.
        var byKey = new Dictionary<(string, string, string, int), ChargeRow>();
        await using (var insert = new NpgsqlCommand($"""
            WITH charge AS (
                INSERT INTO charges (id, tenant_id, outcome, definition_version, correlation, qualified_at, settles_at,
                                     committed_at, agent_id, agent_version, dimensions, value, contract_version,
                                     currency, unit_price, amount_minor, evidence, invoice_period, price_bucket, sequence)
                SELECT i.id, i.tenant_id, i.outcome, i.definition_version, i.correlation, i.qualified_at, i.settles_at,
                       $8, i.agent_id, i.agent_version, i.dimensions, i.value, i.contract_version, i.currency,
                       i.unit_price, i.amount_minor, i.evidence, i.invoice_period, coalesce(i.price_bucket, ''), i.sequence
                FROM unnest($1::uuid[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::timestamptz[],
                            $7::timestamptz[], $9::text[], $10::text[], $11::jsonb[], $12::numeric[], $13::integer[],
                            $14::text[], $15::numeric[], $16::bigint[], $17::jsonb[], $18::integer[],
                            $19::timestamptz[], $20::text[], $21::integer[])
                     AS i(id, tenant_id, outcome, definition_version, correlation, qualified_at, settles_at, agent_id,
                          agent_version, dimensions, value, contract_version, currency, unit_price, amount_minor,
                          evidence, ord, invoice_period, price_bucket, sequence)
                ORDER BY i.ord
                ON CONFLICT (tenant_id, outcome, correlation, sequence) DO NOTHING
                RETURNING {ChargeColumns}
            ), outbox AS (
                INSERT INTO ledger_outbox (kind, ref, tenant_id, created_at)
                SELECT 'charge', id, tenant_id, committed_at FROM charge
            ), rollup AS (
                INSERT INTO invoice_rollups AS r (tenant_id, period_start, outcome, contract_version, price_bucket, unit_price, quantity, value_sum)
                SELECT tenant_id, invoice_period, outcome, coalesce(contract_version, 0), price_bucket,
                       min(unit_price), count(*), coalesce(sum(value), 0)
                FROM charge
                GROUP BY tenant_id, invoice_period, outcome, coalesce(contract_version, 0), price_bucket
                ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (tenant_id, period_start, outcome, contract_version, price_bucket)
                DO UPDATE SET quantity = r.quantity + excluded.quantity, value_sum = r.value_sum + excluded.value_sum
            ), quality AS (
                {ChargeQuality}
            )
            SELECT {ChargeColumns} FROM charge
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(charges.Select(_ => Guid.CreateVersion7(now)).ToArray());
            insert.Parameters.AddWithValue(charges.Select(c => c.TenantId).ToArray());
            insert.Parameters.AddWithValue(charges.Select(c => c.Outcome).ToArray());
            insert.Parameters.AddWithValue(charges.Select(c => c.DefinitionVersion).ToArray());
            insert.Parameters.AddWithValue(charges.Select(c => c.Correlation).ToArray());
            insert.Parameters.AddWithValue(charges.Select(c => EventTimestamps.Normalize(c.QualifiedAt)).ToArray());
            insert.Parameters.AddWithValue(charges.Select(c => EventTimestamps.Normalize(c.SettlesAt)).ToArray());
            insert.Parameters.AddWithValue(now);
            AddArray(insert, NpgsqlDbType.Text, charges.Select(c => (object?)c.AgentId));
            AddArray(insert, NpgsqlDbType.Text, charges.Select(c => (object?)c.AgentVersion));
            AddArray(insert, NpgsqlDbType.Jsonb, charges.Select(c => (object?)c.DimensionsJson));
            AddArray(insert, NpgsqlDbType.Numeric, charges.Select(c => (object?)c.Value));
            AddArray(insert, NpgsqlDbType.Integer, charges.Select(c => (object?)c.ContractVersion));
            AddArray(insert, NpgsqlDbType.Text, charges.Select(c => (object?)c.Currency));
            AddArray(insert, NpgsqlDbType.Numeric, charges.Select(c => (object?)c.UnitPrice));
            AddArray(insert, NpgsqlDbType.Bigint, amounts.Select(a => (object?)a));
            AddArray(insert, NpgsqlDbType.Jsonb, charges.Select(c => (object?)c.EvidenceJson));
            insert.Parameters.AddWithValue(Enumerable.Range(0, charges.Count).ToArray());
            insert.Parameters.AddWithValue(periods.Select(p => p.Start.ToUniversalTime()).ToArray());
            AddArray(insert, NpgsqlDbType.Text, charges.Select(c => (object?)c.PriceBucket));
            insert.Parameters.AddWithValue(charges.Select(c => c.Sequence).ToArray());
            // Prepared once per physical connection: planning the statement's five parts outweighs running them.
            await insert.PrepareAsync(cancellationToken);
            foreach (var row in await ReadChargesAsync(insert, cancellationToken))
            {
                byKey[(row.TenantId, row.Outcome, row.Correlation, row.Sequence)] = row;
            }
        }

        var created = byKey.Keys.ToHashSet();
        var missing = charges.Select(c => (c.TenantId, c.Outcome, c.Correlation, c.Sequence)).Where(k => !byKey.ContainsKey(k)).Distinct().ToArray();
        if (missing.Length > 0)
        {
            // A new statement sees the winners: under READ COMMITTED each conflict waited for its row to commit.
            await using var existing = new NpgsqlCommand($"""
                SELECT {ChargeColumns} FROM charges
                WHERE (tenant_id, outcome, correlation, sequence) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[]))
                """, conn, tx);
            existing.Parameters.AddWithValue(missing.Select(k => k.TenantId).ToArray());
            existing.Parameters.AddWithValue(missing.Select(k => k.Outcome).ToArray());
            existing.Parameters.AddWithValue(missing.Select(k => k.Correlation).ToArray());
            existing.Parameters.AddWithValue(missing.Select(k => k.Sequence).ToArray());
            foreach (var row in await ReadChargesAsync(existing, cancellationToken))
            {
                byKey[(row.TenantId, row.Outcome, row.Correlation, row.Sequence)] = row;
            }
        }

        await tx.CommitAsync(cancellationToken);
        var results = new List<(ChargeRow, bool)>(charges.Count);
        foreach (var c in charges)
        {
            var key = (c.TenantId, c.Outcome, c.Correlation, c.Sequence);
            results.Add((byKey[key], created.Remove(key)));
        }

        return results;
    }

    private static long? AmountMinor(NewCharge charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        if (charge.Currency is not null)
        {
            Money.Exponent(charge.Currency); // refuses unknown codes before they reach the ledger
        }

        return charge switch
        {
            { Amount: null } => null,
            { Currency: null } => throw new ArgumentException("a charge with an amount needs a currency", nameof(charge)),
            _ => Money.ToMinorUnits(charge.Amount.Value, charge.Currency),
        };
    }

    private static void AddArray(NpgsqlCommand cmd, NpgsqlDbType type, IEnumerable<object?> values) =>
        cmd.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | type,
            Value = values.Select(v => v ?? DBNull.Value).ToArray(),
        });

    /// <summary>
    /// Gives <paramref name="chargeId"/> its lifecycle credit (a reversal, a void, a rerating) unless it already has one;
    /// returns the stored credit and whether this call created it. <paramref name="amount"/> is in the charge's
    /// currency and must be exact in its minor units; after a dispute credit it is cut to what is left of the charge
    /// (zero when nothing is: the row still records that the outcome was taken back). <paramref name="effectiveAt"/>
    /// is the credit's own time on the tenant's clock: it lands on the invoice of the period containing it under
    /// <paramref name="billing"/> (or the next open one); by default now, on calendar months in UTC.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No charge has that id.</exception>
    public async Task<(CreditRow Credit, bool Created)> AddCreditAsync(
        Guid chargeId, string reason, string evidenceJson, decimal? amount = null, DateTimeOffset? effectiveAt = null, BillingPeriod? billing = null,
        CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var now = EventTimestamps.Normalize(time.GetUtcNow());
        var credit = new NewCredit(Guid.CreateVersion7(now), chargeId, reason, evidenceJson, amount, effectiveAt ?? now, billing ?? BillingPeriod.Default, null);
        var result = await InsertCreditAsync(conn, tx, credit, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// The one credit statement, inside the caller's transaction (so a dispute commits its credit with its own state):
    /// the credit, its outbox row and its invoice running total, exactly once — a lifecycle credit once per charge, a
    /// dispute credit once per dispute. A repeat writes nothing and returns the row that won.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No charge has that id.</exception>
    internal static async Task<(CreditRow Credit, bool Created)> InsertCreditAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, NewCredit credit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The same lock credits_within_charge takes: what is left of the charge, read under it, stays true until the commit.
        await using (var lockCharge = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 7))", conn, tx))
        {
            lockCharge.Parameters.AddWithValue(credit.ChargeId);
            await lockCharge.ExecuteNonQueryAsync(cancellationToken);
        }

        // Charges are never deleted, so what this read finds stays true until the commit.
        string tenantId;
        string? currency;
        long? charged;
        long credited;
        await using (var charge = new NpgsqlCommand("""
            SELECT tenant_id, currency, amount_minor, (SELECT coalesce(sum(amount_minor), 0) FROM credits WHERE charge_id = $1)::bigint
            FROM charges WHERE id = $1
            """, conn, tx))
        {
            charge.Parameters.AddWithValue(credit.ChargeId);
            await using var reader = await charge.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new KeyNotFoundException($"cannot credit charge {credit.ChargeId}: no such charge in the ledger");
            }

            tenantId = reader.GetString(0);
            currency = reader.IsDBNull(1) ? null : reader.GetString(1);
            charged = reader.IsDBNull(2) ? null : reader.GetInt64(2);
            credited = reader.GetInt64(3);
        }

        long? amountMinor = (credit.Amount, currency) switch
        {
            (null, _) => null,
            (_, null) => throw new ArgumentException($"charge {credit.ChargeId} has no currency, so a credit against it cannot have an amount", nameof(credit)),
            ({ } a, { } c) => Money.ToMinorUnits(a, c),
        };

        // A lifecycle credit takes back what is left: the charge (or, rated on the invoice, the whole value it is
        // asked to credit) less what dispute credits already gave back.
        if (credit.DisputeId is null && amountMinor is { } asked && credited > 0)
        {
            amountMinor = Math.Clamp((charged ?? asked) - credited, 0, asked);
        }

        var effective = EventTimestamps.Normalize(credit.EffectiveAt);
        var period = (await InvoicePeriodAssigner.AssignAsync(conn, tx, [(tenantId, credit.Billing, effective)], cancellationToken))[0];
        var conflict = credit.DisputeId is null ? "ON CONFLICT (charge_id) WHERE dispute_id IS NULL DO NOTHING" : "ON CONFLICT DO NOTHING";
        await using (var insert = new NpgsqlCommand($"""
            WITH cr AS (
                INSERT INTO credits (id, charge_id, tenant_id, reason, created_at, amount_minor, evidence, effective_at, invoice_period, dispute_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
                {conflict}
                RETURNING *
            ), outbox AS (
                INSERT INTO ledger_outbox (kind, ref, tenant_id, created_at)
                SELECT 'credit', id, tenant_id, created_at FROM cr
            ), rollup AS (
                INSERT INTO invoice_credit_rollups AS r (tenant_id, period_start, outcome, quantity, amount_minor)
                SELECT cr.tenant_id, cr.invoice_period, ch.outcome, 1, coalesce(cr.amount_minor, 0)
                FROM cr JOIN charges ch ON ch.id = cr.charge_id
                ON CONFLICT (tenant_id, period_start, outcome)
                DO UPDATE SET quantity = r.quantity + 1, amount_minor = r.amount_minor + excluded.amount_minor
            ), quality AS (
                {CreditQuality}
            ), quality_money AS (
                {CreditAmountQuality}
            )
            SELECT {CreditColumns} FROM cr JOIN charges ch ON ch.id = cr.charge_id
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(credit.Id);
            insert.Parameters.AddWithValue(credit.ChargeId);
            insert.Parameters.AddWithValue(tenantId);
            insert.Parameters.AddWithValue(credit.Reason);
            insert.Parameters.AddWithValue(now);
            insert.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)amountMinor ?? DBNull.Value);
            insert.Parameters.AddWithValue(credit.EvidenceJson);
            insert.Parameters.AddWithValue(effective);
            insert.Parameters.AddWithValue(period.Start.ToUniversalTime());
            insert.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)credit.DisputeId ?? DBNull.Value);
            var created = await ReadCreditsAsync(insert, cancellationToken);
            if (created.Count == 1)
            {
                return (created[0], true);
            }
        }

        await using var existing = credit.DisputeId is { } disputeId
            ? new NpgsqlCommand($"SELECT {CreditColumns} FROM credits cr JOIN charges ch ON ch.id = cr.charge_id WHERE cr.dispute_id = $1", conn, tx)
            : new NpgsqlCommand($"SELECT {CreditColumns} FROM credits cr JOIN charges ch ON ch.id = cr.charge_id WHERE cr.charge_id = $1 AND cr.dispute_id IS NULL", conn, tx);
        existing.Parameters.AddWithValue(credit.DisputeId ?? credit.ChargeId);
        return ((await ReadCreditsAsync(existing, cancellationToken)).Single(), false);
    }

    public async Task<ChargeRow?> GetChargeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {ChargeColumns} FROM charges WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadChargesAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>What the credits of a charge add up to, by any cause, in the charge's currency (0 for none or no currency).</summary>
    public async Task<decimal> GetCreditedAsync(Guid chargeId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT ch.currency, coalesce(sum(cr.amount_minor), 0)::bigint FROM charges ch LEFT JOIN credits cr ON cr.charge_id = ch.id
            WHERE ch.id = $1 GROUP BY ch.currency
            """);
        cmd.Parameters.AddWithValue(chargeId);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) && !r.IsDBNull(0) ? Money.FromMinorUnits(r.GetInt64(1), r.GetString(0)) : 0m;
    }

    public async Task<CreditRow?> GetCreditAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {CreditColumns} FROM credits cr JOIN charges ch ON ch.id = cr.charge_id WHERE cr.id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadCreditsAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The tenant's charges that qualified in [<paramref name="from"/>, <paramref name="to"/>), by qualification time.</summary>
    public async Task<IReadOnlyList<ChargeRow>> ListChargesAsync(
        string tenantId, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        (await ListChargesAsync(tenantId, from, to, LedgerPage.All, cancellationToken))!;

    /// <summary>
    /// One page of <see cref="ListChargesAsync(string, DateTimeOffset?, DateTimeOffset?, CancellationToken)"/>: the
    /// charges after the page's cursor (a charge id) in the same order; null when the cursor is not a charge of the tenant.
    /// </summary>
    public async Task<IReadOnlyList<ChargeRow>?> ListChargesAsync(
        string tenantId, DateTimeOffset? from, DateTimeOffset? to, LedgerPage page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (await CursorAsync("SELECT qualified_at FROM charges WHERE id = $1 AND tenant_id = $2", tenantId, page, cancellationToken) is not { } cursor)
        {
            return null;
        }

        await using var cmd = dataSource.CreateCommand($"""
            SELECT {ChargeColumns} FROM charges
            WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR qualified_at >= $2) AND ($3::timestamptz IS NULL OR qualified_at < $3)
              AND ($4::timestamptz IS NULL OR (qualified_at, id) > ($4, $5::uuid))
            ORDER BY qualified_at, id
            LIMIT $6
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, from is { } f ? f.ToUniversalTime() : DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, to is { } t ? t.ToUniversalTime() : DBNull.Value);
        AddPage(cmd, page, cursor);
        return await ReadChargesAsync(cmd, cancellationToken);
    }

    /// <summary>
    /// The tenant's charges for one outcome in sequence order, each with the lifecycle credit that took it back (if
    /// any); a dispute credit is the buyer's refund, not the outcome taken back, so it does not count here.
    /// </summary>
    public async Task<IReadOnlyList<(ChargeRow Charge, Guid? CreditId)>> FindChargesAsync(
        string tenantId, string outcome, string correlation, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {ChargeColumns}, (SELECT cr.id FROM credits cr WHERE cr.charge_id = charges.id AND cr.dispute_id IS NULL)
            FROM charges WHERE tenant_id = $1 AND outcome = $2 AND correlation = $3 ORDER BY sequence
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(outcome);
        cmd.Parameters.AddWithValue(correlation);
        var credits = new List<Guid?>();
        var charges = await ReadChargesAsync(cmd, cancellationToken, r => credits.Add(r.IsDBNull(20) ? null : r.GetGuid(20)));
        return [.. charges.Select((c, i) => (c, credits[i]))];
    }

    /// <summary>The tenant's credits, oldest first.</summary>
    public async Task<IReadOnlyList<CreditRow>> ListCreditsAsync(string tenantId, CancellationToken cancellationToken = default) =>
        (await ListCreditsAsync(tenantId, LedgerPage.All, cancellationToken))!;

    /// <summary>One page of the tenant's credits, oldest first, after the page's cursor (a credit id); null when the cursor is not a credit of the tenant.</summary>
    public async Task<IReadOnlyList<CreditRow>?> ListCreditsAsync(string tenantId, LedgerPage page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (await CursorAsync("SELECT created_at FROM credits WHERE id = $1 AND tenant_id = $2", tenantId, page, cancellationToken) is not { } cursor)
        {
            return null;
        }

        await using var cmd = dataSource.CreateCommand($"""
            SELECT {CreditColumns} FROM credits cr JOIN charges ch ON ch.id = cr.charge_id
            WHERE cr.tenant_id = $1 AND ($2::timestamptz IS NULL OR (cr.created_at, cr.id) > ($2, $3::uuid))
            ORDER BY cr.created_at, cr.id
            LIMIT $4
            """);
        cmd.Parameters.AddWithValue(tenantId);
        AddPage(cmd, page, cursor);
        return await ReadCreditsAsync(cmd, cancellationToken);
    }

    // The sort time of the page's cursor row (a keyset: rows committed meanwhile never shift a page); default when the
    // page starts at the beginning, null when the cursor is no row of the tenant.
    private async Task<DateTimeOffset?> CursorAsync(string sql, string tenantId, LedgerPage page, CancellationToken cancellationToken)
    {
        if (page.After is not { } after)
        {
            return default(DateTimeOffset);
        }

        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue(after);
        cmd.Parameters.AddWithValue(tenantId);
        return await cmd.ExecuteScalarAsync(cancellationToken) is DateTime time ? new DateTimeOffset(time, TimeSpan.Zero) : null;
    }

    private static void AddPage(NpgsqlCommand cmd, LedgerPage page, DateTimeOffset cursor)
    {
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, page.After is null ? DBNull.Value : cursor);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Uuid, page.After is { } after ? after : DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Integer, page.Limit is { } limit ? limit : DBNull.Value);
    }

    private static async Task<List<ChargeRow>> ReadChargesAsync(NpgsqlCommand cmd, CancellationToken cancellationToken, Action<NpgsqlDataReader>? extra = null)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ChargeRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            var currency = r.IsDBNull(13) ? null : r.GetString(13);
            rows.Add(new ChargeRow(
                r.GetGuid(0),
                r.GetString(1),
                r.GetString(2),
                r.GetInt32(3),
                r.GetString(4),
                r.GetFieldValue<DateTimeOffset>(5),
                r.GetFieldValue<DateTimeOffset>(6),
                r.GetFieldValue<DateTimeOffset>(7),
                r.IsDBNull(8) ? null : r.GetString(8),
                r.IsDBNull(9) ? null : r.GetString(9),
                r.GetString(10),
                r.IsDBNull(11) ? null : r.GetDecimal(11),
                r.IsDBNull(12) ? null : r.GetInt32(12),
                currency,
                r.IsDBNull(14) ? null : r.GetDecimal(14),
                r.IsDBNull(15) ? null : Money.FromMinorUnits(r.GetInt64(15), currency!),
                r.GetString(16),
                r.IsDBNull(17) ? null : r.GetFieldValue<DateTimeOffset>(17),
                r.GetString(18) is { Length: > 0 } bucket ? bucket : null,
                r.GetInt32(19)));
            extra?.Invoke(r);
        }

        return rows;
    }

    private static async Task<List<CreditRow>> ReadCreditsAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CreditRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            var currency = r.IsDBNull(5) ? null : r.GetString(5);
            rows.Add(new CreditRow(
                r.GetGuid(0),
                r.GetGuid(1),
                r.GetString(2),
                r.GetString(3),
                r.GetFieldValue<DateTimeOffset>(4),
                currency,
                r.IsDBNull(6) ? null : Money.FromMinorUnits(r.GetInt64(6), currency!),
                r.GetString(7),
                r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
                r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
                r.IsDBNull(10) ? null : r.GetGuid(10)));
        }

        return rows;
    }
}
