using Npgsql;
using NpgsqlTypes;

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
        agent_version, dimensions::text, value, contract_version, currency, unit_price, amount_minor, evidence::text
        """;

    private const string CreditColumns = """
        cr.id, cr.charge_id, cr.tenant_id, cr.reason, cr.created_at, ch.currency, cr.amount_minor, cr.evidence::text
        """;

    /// <summary>
    /// Commits <paramref name="charge"/> unless its (tenant, outcome, correlation) is already charged; returns the
    /// stored charge and whether this call created it. A repeat returns the original even if its fields differ.
    /// </summary>
    public async Task<(ChargeRow Charge, bool Created)> CommitChargeAsync(NewCharge charge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charge);
        long? amountMinor = charge switch
        {
            { Amount: null } => null,
            { Currency: null } => throw new ArgumentException("a charge with an amount needs a currency", nameof(charge)),
            _ => Money.ToMinorUnits(charge.Amount.Value, charge.Currency),
        };
        if (charge.Currency is not null)
        {
            Money.Exponent(charge.Currency); // refuses unknown codes before they reach the ledger
        }

        var now = Microseconds(time.GetUtcNow());
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);

        // One statement inserts the charge and, only when it was new, its outbox row.
        await using (var insert = new NpgsqlCommand($"""
            WITH charge AS (
                INSERT INTO charges (id, tenant_id, outcome, definition_version, correlation, qualified_at, settles_at,
                                     committed_at, agent_id, agent_version, dimensions, value, contract_version,
                                     currency, unit_price, amount_minor, evidence)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17::jsonb)
                ON CONFLICT (tenant_id, outcome, correlation) DO NOTHING
                RETURNING {ChargeColumns}
            ), outbox AS (
                INSERT INTO ledger_outbox (kind, ref, tenant_id, created_at)
                SELECT 'charge', id, tenant_id, committed_at FROM charge
            )
            SELECT {ChargeColumns} FROM charge
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(Guid.CreateVersion7(now));
            insert.Parameters.AddWithValue(charge.TenantId);
            insert.Parameters.AddWithValue(charge.Outcome);
            insert.Parameters.AddWithValue(charge.DefinitionVersion);
            insert.Parameters.AddWithValue(charge.Correlation);
            insert.Parameters.AddWithValue(Microseconds(charge.QualifiedAt));
            insert.Parameters.AddWithValue(Microseconds(charge.SettlesAt));
            insert.Parameters.AddWithValue(now);
            insert.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)charge.AgentId ?? DBNull.Value);
            insert.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)charge.AgentVersion ?? DBNull.Value);
            insert.Parameters.AddWithValue(charge.DimensionsJson);
            insert.Parameters.AddWithValue(NpgsqlDbType.Numeric, (object?)charge.Value ?? DBNull.Value);
            insert.Parameters.AddWithValue(NpgsqlDbType.Integer, (object?)charge.ContractVersion ?? DBNull.Value);
            insert.Parameters.AddWithValue(NpgsqlDbType.Char, (object?)charge.Currency ?? DBNull.Value);
            insert.Parameters.AddWithValue(NpgsqlDbType.Numeric, (object?)charge.UnitPrice ?? DBNull.Value);
            insert.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)amountMinor ?? DBNull.Value);
            insert.Parameters.AddWithValue(charge.EvidenceJson);
            var created = await ReadChargesAsync(insert, cancellationToken);
            if (created.Count == 1)
            {
                await tx.CommitAsync(cancellationToken);
                return (created[0], true);
            }
        }

        // A new statement sees the winner: under READ COMMITTED the conflict waited for it to commit.
        await using var existing = new NpgsqlCommand(
            $"SELECT {ChargeColumns} FROM charges WHERE tenant_id = $1 AND outcome = $2 AND correlation = $3", conn, tx);
        existing.Parameters.AddWithValue(charge.TenantId);
        existing.Parameters.AddWithValue(charge.Outcome);
        existing.Parameters.AddWithValue(charge.Correlation);
        var found = await ReadChargesAsync(existing, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (found.Single(), false);
    }

    /// <summary>
    /// Credits <paramref name="chargeId"/> unless it already has a credit; returns the stored credit and whether this
    /// call created it. <paramref name="amount"/> is in the charge's currency and must be exact in its minor units.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No charge has that id.</exception>
    public async Task<(CreditRow Credit, bool Created)> AddCreditAsync(
        Guid chargeId, string reason, string evidenceJson, decimal? amount = null, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);

        // Charges are never deleted, so what this read finds stays true until the commit.
        string tenantId;
        string? currency;
        await using (var charge = new NpgsqlCommand("SELECT tenant_id, currency FROM charges WHERE id = $1", conn, tx))
        {
            charge.Parameters.AddWithValue(chargeId);
            await using var reader = await charge.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new KeyNotFoundException($"cannot credit charge {chargeId}: no such charge in the ledger");
            }

            tenantId = reader.GetString(0);
            currency = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        long? amountMinor = (amount, currency) switch
        {
            (null, _) => null,
            (_, null) => throw new ArgumentException($"charge {chargeId} has no currency, so a credit against it cannot have an amount", nameof(amount)),
            ({ } a, { } c) => Money.ToMinorUnits(a, c),
        };

        var now = Microseconds(time.GetUtcNow());
        await using (var insert = new NpgsqlCommand($"""
            WITH cr AS (
                INSERT INTO credits (id, charge_id, tenant_id, reason, created_at, amount_minor, evidence)
                VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
                ON CONFLICT (charge_id) DO NOTHING
                RETURNING *
            ), outbox AS (
                INSERT INTO ledger_outbox (kind, ref, tenant_id, created_at)
                SELECT 'credit', id, tenant_id, created_at FROM cr
            )
            SELECT {CreditColumns} FROM cr JOIN charges ch ON ch.id = cr.charge_id
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(Guid.CreateVersion7(now));
            insert.Parameters.AddWithValue(chargeId);
            insert.Parameters.AddWithValue(tenantId);
            insert.Parameters.AddWithValue(reason);
            insert.Parameters.AddWithValue(now);
            insert.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)amountMinor ?? DBNull.Value);
            insert.Parameters.AddWithValue(evidenceJson);
            var created = await ReadCreditsAsync(insert, cancellationToken);
            if (created.Count == 1)
            {
                await tx.CommitAsync(cancellationToken);
                return (created[0], true);
            }
        }

        await using var existing = new NpgsqlCommand(
            $"SELECT {CreditColumns} FROM credits cr JOIN charges ch ON ch.id = cr.charge_id WHERE cr.charge_id = $1", conn, tx);
        existing.Parameters.AddWithValue(chargeId);
        var found = await ReadCreditsAsync(existing, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (found.Single(), false);
    }

    public async Task<ChargeRow?> GetChargeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {ChargeColumns} FROM charges WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadChargesAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The tenant's charges that qualified in [<paramref name="from"/>, <paramref name="to"/>), by qualification time.</summary>
    public async Task<IReadOnlyList<ChargeRow>> ListChargesAsync(
        string tenantId, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {ChargeColumns} FROM charges
            WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR qualified_at >= $2) AND ($3::timestamptz IS NULL OR qualified_at < $3)
            ORDER BY qualified_at, id
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, from is { } f ? f.ToUniversalTime() : DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, to is { } t ? t.ToUniversalTime() : DBNull.Value);
        return await ReadChargesAsync(cmd, cancellationToken);
    }

    /// <summary>The tenant's credits, oldest first.</summary>
    public async Task<IReadOnlyList<CreditRow>> ListCreditsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {CreditColumns} FROM credits cr JOIN charges ch ON ch.id = cr.charge_id
            WHERE cr.tenant_id = $1
            ORDER BY cr.created_at, cr.id
            """);
        cmd.Parameters.AddWithValue(tenantId);
        return await ReadCreditsAsync(cmd, cancellationToken);
    }

    // PostgreSQL keeps microseconds; truncating first makes the returned value equal the stored one.
    private static DateTimeOffset Microseconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private static async Task<List<ChargeRow>> ReadChargesAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
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
                r.GetString(16)));
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
                r.GetString(7)));
        }

        return rows;
    }
}
