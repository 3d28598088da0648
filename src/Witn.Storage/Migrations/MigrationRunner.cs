using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Witn.Storage.Migrations;

/// <summary>
/// Applies the embedded, numbered SQL scripts in order, each in its own transaction, recording them in
/// <c>schema_migrations</c>. A session-level advisory lock serializes silos that start at the same time:
/// the second waits, then finds everything applied and does nothing.
/// </summary>
public static class MigrationRunner
{
    // Arbitrary but fixed: every process that migrates this schema agrees on the same lock.
    private const long AdvisoryLockKey = 0x5749_544E_4D49_47; // "WITNMIG"

    private const string ResourcePrefix = "Witn.Storage.Migrations.";

    private static readonly Lazy<IReadOnlyList<Migration>> Embedded = new(LoadEmbedded);

    /// <summary>All migrations this build knows, in version order.</summary>
    public static IReadOnlyList<Migration> All => Embedded.Value;

    /// <summary>Applies what is missing; returns the versions applied by this call.</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await ExecuteAsync(conn, null, "SELECT pg_advisory_lock($1)", cancellationToken, AdvisoryLockKey);
        try
        {
            await ExecuteAsync(conn, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     integer PRIMARY KEY,
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var applied = await ReadAppliedAsync(conn, cancellationToken);
            foreach (var (version, checksum) in applied)
            {
                var known = All.FirstOrDefault(m => m.Version == version);
                if (known is not null && known.Checksum != checksum)
                {
                    throw new InvalidOperationException(
                        $"migration {version} ({known.Name}) was changed after it was applied; applied scripts are immutable, add a new numbered script instead.");
                }
            }

            var done = new List<int>();
            foreach (var migration in All.Where(m => !applied.ContainsKey(m.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(conn, tx, migration.Sql, cancellationToken);
                await ExecuteAsync(conn, tx, "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", cancellationToken,
                    migration.Version, migration.Name, migration.Checksum);
                await tx.CommitAsync(cancellationToken);
                done.Add(migration.Version);
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(conn, null, "SELECT pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    /// <summary>The embedded migrations not yet recorded in the database (empty when up to date).</summary>
    public static async Task<IReadOnlyList<Migration>> PendingAsync(NpgsqlConnection conn, CancellationToken cancellationToken = default)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", conn))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return All;
            }
        }

        var applied = await ReadAppliedAsync(conn, cancellationToken);
        return All.Where(m => !applied.ContainsKey(m.Version)).ToList();
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection conn, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var cmd = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", conn);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var a in args)
        {
            cmd.Parameters.AddWithValue(a);
        }

        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = resource[ResourcePrefix.Length..];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"embedded migration '{file}' must be named NNNN_description.sql");
            }

            var sql = Read(assembly, resource);
            var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n")))).ToLowerInvariant();
            migrations.Add(new Migration(version, Path.GetFileNameWithoutExtension(file), sql, checksum));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two embedded migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
