using Npgsql;
using Witn.Domain.Access;
using Witn.Domain.Ingestion;

namespace Witn.Storage.Access;

/// <summary>API keys in PostgreSQL. Low-rate data: plain statements, no batching.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>
    /// The clock of keys: it stamps creation, revocation and last use, and decides expiry, so a key's times all come
    /// from one clock (tests give the store a fake one).
    /// </summary>
    public TimeProvider Time => time;

    private const string Columns = "id, name, scopes, tenant_id, secret_hash, created_at, revoked_at, expires_at, last_used_at";

    // Serializes the "is the table empty?" check of concurrently starting silos.
    private const long BootstrapLockKey = 0x5749_544E_4B45_59; // "WITNKEY"

    public Task<(ApiKeyRow Row, ApiKeyToken Token)> CreateAsync(string name, IReadOnlyList<ApiKeyScope> scopes, string? tenantId, CancellationToken cancellationToken = default) =>
        CreateAsync(name, scopes, tenantId, null, cancellationToken);

    /// <summary>A new key that stops working at <paramref name="expiresAt"/> (null: when revoked).</summary>
    public async Task<(ApiKeyRow Row, ApiKeyToken Token)> CreateAsync(string name, IReadOnlyList<ApiKeyScope> scopes, string? tenantId, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        return await InsertAsync(conn, null, name, scopes, tenantId, expiresAt, cancellationToken);
    }

    /// <summary>
    /// Creates the first admin key when the table is empty (a brand-new database), else returns null.
    /// Two silos starting together on one database create exactly one key.
    /// </summary>
    public async Task<ApiKeyToken?> BootstrapAdminAsync(CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", conn, tx))
        {
            lockCmd.Parameters.AddWithValue(BootstrapLockKey);
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM api_keys)", conn, tx))
        {
            if (await any.ExecuteScalarAsync(cancellationToken) is true)
            {
                return null;
            }
        }

        var (_, token) = await InsertAsync(conn, tx, "bootstrap admin", [ApiKeyScope.Admin], null, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return token;
    }

    public async Task<ApiKeyRow?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM api_keys WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM api_keys ORDER BY created_at, id");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ApiKeyRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>
    /// A page of keys in creation order (created_at, id), only those restricted to <paramref name="tenantId"/> when it
    /// is given: at most <paramref name="limit"/> after the key with id <paramref name="after"/>; null when that id is
    /// no key of the list.
    /// </summary>
    public async Task<IReadOnlyList<ApiKeyRow>?> ListAsync(string? tenantId, int limit, string? after, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns} FROM api_keys
            WHERE ($1::text IS NULL OR tenant_id = $1)
              AND ($3::text IS NULL OR (created_at, id) > (SELECT created_at, id FROM api_keys WHERE id = $3 AND ($1::text IS NULL OR tenant_id = $1)))
            ORDER BY created_at, id
            LIMIT $2
            """);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)tenantId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)after ?? DBNull.Value);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ApiKeyRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows.Count == 0 && after is not null && !await KnownAsync(tenantId, after, cancellationToken) ? null : rows;
    }

    private async Task<bool> KnownAsync(string? tenantId, string id, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("SELECT 1 FROM api_keys WHERE id = $1 AND ($2::text IS NULL OR tenant_id = $2)");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)tenantId ?? DBNull.Value);
        return await cmd.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Marks the key revoked (the row stays for audit). Returns the row, or null when the id is unknown.</summary>
    public async Task<ApiKeyRow?> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING {Columns}");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(time.GetUtcNow());
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// Records that the key was used at <paramref name="at"/>, unless a later use is already recorded (two silos, or
    /// an activation that moved). The key's grain calls it at most once a minute.
    /// </summary>
    public async Task TouchAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(EventTimestamps.Normalize(at));
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<(ApiKeyRow, ApiKeyToken)> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string name, IReadOnlyList<ApiKeyScope> scopes, string? tenantId, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var token = ApiKeyToken.Generate();
        var row = new ApiKeyRow(token.Id, name, [.. scopes.Distinct()], tenantId, ApiKeyToken.HashSecret(token.Secret), EventTimestamps.Normalize(time.GetUtcNow()), null,
            EventTimestamps.Normalize(expiresAt));
        await using var cmd = new NpgsqlCommand($"INSERT INTO api_keys ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, NULL)", conn, tx);
        cmd.Parameters.AddWithValue(row.Id);
        cmd.Parameters.AddWithValue(row.Name);
        cmd.Parameters.AddWithValue(row.Scopes.Select(ApiKeyScopes.ToName).ToArray());
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)row.TenantId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(row.SecretHash);
        cmd.Parameters.AddWithValue(row.CreatedAt);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)row.ExpiresAt ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        return (row, token);
    }

    private static ApiKeyRow Read(NpgsqlDataReader reader)
    {
        var scopes = reader.GetFieldValue<string[]>(2)
            .Select(n => ApiKeyScopes.TryParse(n, out var s) ? s : throw new InvalidDataException($"api_keys row has unknown scope '{n}'"))
            .ToArray();
        return new ApiKeyRow(
            reader.GetString(0),
            reader.GetString(1),
            scopes,
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetFieldValue<byte[]>(4),
            reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
            reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));
    }

    // PostgreSQL keeps microseconds; returning the same value we store keeps reads and writes equal.
}
