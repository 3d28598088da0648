using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Definitions;
using Witn.Domain.Ingestion;

namespace Witn.Storage.Contracts;

/// <summary>
/// Contract versions in PostgreSQL. Low-rate data: plain statements. Versions are numbered 1, 2, … per tenant
/// under a per-tenant advisory lock held for the transaction, so concurrent appends on any silo get n and n + 1.
/// </summary>
public sealed class ContractStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = "tenant_id, version, effective_from, created_at, format, source, canonical::text, currency";

    /// <summary>Stores the contract as the tenant's next version and returns the stored row.</summary>
    /// <exception cref="PostgresException">The tenant does not exist (foreign key violation, SQL state 23503).</exception>
    public async Task<ContractRow> AppendAsync(NewContractVersion contract, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var now = EventTimestamps.Normalize(time.GetUtcNow());
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);

        await LockTenantAsync(conn, tx, contract.TenantId, cancellationToken);
        var row = await InsertAsync(conn, tx, "contracts", contract, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// Stores the contract as the tenant's next shadow version (numbered apart from live versions, which it never
    /// moves) and returns it: from now on the tenant's current shadow version.
    /// </summary>
    /// <exception cref="PostgresException">The tenant does not exist (foreign key violation, SQL state 23503).</exception>
    public async Task<ContractRow> AppendShadowAsync(NewContractVersion contract, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var now = EventTimestamps.Normalize(time.GetUtcNow());
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await LockTenantAsync(conn, tx, contract.TenantId, cancellationToken);
        var row = await InsertAsync(conn, tx, "shadow_contracts", contract, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>The tenant's current shadow version: its highest, unless that one was promoted; null when none.</summary>
    public async Task<ContractRow?> GetShadowAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadShadowAsync(conn, null, tenantId, cancellationToken);
    }

    /// <summary>
    /// Makes shadow version <paramref name="shadowVersion"/> the tenant's next live version, as <paramref name="live"/>
    /// says (its effective_from is the promotion's boundary), and records the promotion, in one transaction under the
    /// tenant's lock. Null, with nothing stored, when that shadow version is no longer the current one (a new shadow
    /// put or another promotion came first).
    /// </summary>
    public async Task<ContractRow?> PromoteAsync(
        int shadowVersion, NewContractVersion live, decimal? deltaPercent, bool forced, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(live);
        var now = EventTimestamps.Normalize(time.GetUtcNow());
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await LockTenantAsync(conn, tx, live.TenantId, cancellationToken);
        if (await ReadShadowAsync(conn, tx, live.TenantId, cancellationToken) is not { } current || current.Version != shadowVersion)
        {
            await tx.CommitAsync(cancellationToken);
            return null;
        }

        var row = await InsertAsync(conn, tx, "contracts", live, now, cancellationToken);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO contract_promotions (tenant_id, shadow_version, live_version, at, promoted_at, delta_percent, forced) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            conn, tx))
        {
            record.Parameters.AddWithValue(live.TenantId);
            record.Parameters.AddWithValue(shadowVersion);
            record.Parameters.AddWithValue(row.Version);
            record.Parameters.AddWithValue(row.EffectiveFrom);
            record.Parameters.AddWithValue(now);
            record.Parameters.AddWithValue(NpgsqlDbType.Numeric, (object?)deltaPercent ?? DBNull.Value);
            record.Parameters.AddWithValue(forced);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return row;
    }

    // MAX(version) + 1 alone would give two concurrent writers the same number; the lock makes them take turns. Live
    // and shadow versions share it, so a promotion sees the shadow version it promotes and numbers the live one.
    private static async Task LockTenantAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string tenantId, CancellationToken cancellationToken)
    {
        await using var lockTenant = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('witn.contracts'), hashtext($1))", conn, tx);
        lockTenant.Parameters.AddWithValue(tenantId);
        await lockTenant.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<ContractRow> InsertAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string table, NewContractVersion contract, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO {table} (tenant_id, version, effective_from, created_at, format, source, canonical, currency)
            SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6, $7 FROM {table} WHERE tenant_id = $1
            RETURNING {Columns}
            """,
            conn, tx);
        insert.Parameters.AddWithValue(contract.TenantId);
        insert.Parameters.AddWithValue(EventTimestamps.Normalize(contract.EffectiveFrom));
        insert.Parameters.AddWithValue(now);
        insert.Parameters.AddWithValue(FormatName(contract.Format));
        insert.Parameters.AddWithValue(contract.Source);
        insert.Parameters.AddWithValue(NpgsqlDbType.Jsonb, contract.CanonicalJson);
        insert.Parameters.AddWithValue(contract.Currency);
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    private static async Task<ContractRow?> ReadShadowAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string tenantId, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            SELECT {Columns} FROM (SELECT * FROM shadow_contracts WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1) s
            WHERE NOT EXISTS (SELECT 1 FROM contract_promotions p WHERE p.tenant_id = s.tenant_id AND p.shadow_version = s.version)
            """,
            conn, tx);
        cmd.Parameters.AddWithValue(tenantId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The tenant's highest version, or null when it has none.</summary>
    public Task<ContractRow?> GetLatestAsync(string tenantId, CancellationToken cancellationToken = default) =>
        SingleAsync("WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1", cancellationToken, tenantId);

    /// <summary>One version, or null when the tenant has no such version.</summary>
    public Task<ContractRow?> GetAsync(string tenantId, int version, CancellationToken cancellationToken = default) =>
        SingleAsync("WHERE tenant_id = $1 AND version = $2", cancellationToken, tenantId, version);

    /// <summary>
    /// The version in force at <paramref name="at"/>: the highest version whose effective_from is at or before it
    /// (a later version takes over even when it backdates its start); null when none has started yet.
    /// </summary>
    public Task<ContractRow?> GetInForceAsync(string tenantId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        SingleAsync("WHERE tenant_id = $1 AND effective_from <= $2 ORDER BY version DESC LIMIT 1", cancellationToken, tenantId, at.ToUniversalTime());

    /// <summary>Every tenant's highest live version, by tenant id.</summary>
    public async Task<IReadOnlyList<ContractRow>> ListLatestAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT DISTINCT ON (tenant_id) {Columns} FROM contracts ORDER BY tenant_id, version DESC");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ContractRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>Every version of the tenant, oldest first.</summary>
    public async Task<IReadOnlyList<ContractRow>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM contracts WHERE tenant_id = $1 ORDER BY version");
        cmd.Parameters.AddWithValue(tenantId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ContractRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>A page of <see cref="ListAsync(string, CancellationToken)"/>: at most <paramref name="limit"/> versions after version <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<ContractRow>> ListAsync(string tenantId, int limit, int? after, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM contracts WHERE tenant_id = $1 AND version > $2 ORDER BY version LIMIT $3");
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(after ?? 0);
        cmd.Parameters.AddWithValue(limit);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ContractRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>
    /// <see cref="GetInForceAsync"/> for many (tenant, instant) pairs in one statement, answers in input order: a
    /// settlement burst prices thousands of charges at once, and one query each would cost a round trip apiece.
    /// </summary>
    public async Task<IReadOnlyList<ContractRow?>> GetInForceManyAsync(
        IReadOnlyList<(string TenantId, DateTimeOffset At)> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var cmd = dataSource.CreateCommand($"""
            SELECT c.*, k.ord FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS k(t, at, ord)
            CROSS JOIN LATERAL (
                SELECT {Columns} FROM contracts WHERE tenant_id = k.t AND effective_from <= k.at ORDER BY version DESC LIMIT 1
            ) AS c
            """);
        cmd.Parameters.AddWithValue(keys.Select(k => k.TenantId).ToArray());
        cmd.Parameters.AddWithValue(keys.Select(k => k.At.ToUniversalTime()).ToArray());
        var rows = new ContractRow?[keys.Count];
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetInt64(8) - 1] = Read(reader);
        }

        return rows;
    }

    private async Task<ContractRow?> SingleAsync(string where, CancellationToken cancellationToken, params object[] args)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM contracts {where}");
        foreach (var arg in args)
        {
            cmd.Parameters.AddWithValue(arg);
        }

        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ContractRow Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetInt32(1),
        r.GetFieldValue<DateTimeOffset>(2),
        r.GetFieldValue<DateTimeOffset>(3),
        r.GetString(4) == "json" ? DefinitionFormat.Json : DefinitionFormat.Yaml,
        r.GetString(5),
        r.GetString(6),
        r.GetString(7));

    private static string FormatName(DefinitionFormat format) => format == DefinitionFormat.Json ? "json" : "yaml";

    // PostgreSQL keeps microseconds; returning the same value we store keeps reads and writes equal.
}
