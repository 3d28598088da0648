using Npgsql;
using Witn.Silo.Options;
using Witn.Storage.Keys;
using Witn.Storage.Migrations;
using Witn.Storage.Postgres;

namespace Witn.Silo.Startup;

/// <summary>
/// Before Orleans starts: a reachable PostgreSQL (the given one, or our embedded one), the schema migrated,
/// and on a brand-new database the first admin key.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class DatabaseBootstrap
{
    public const string EmbeddedDatabase = "witn";

    public static async Task<(string ConnectionString, EmbeddedPostgres? Embedded)> ConnectAsync(SiloSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        if (settings.ConnectionString is { } given)
        {
            await EnsureReachableAsync(given, cancellationToken);
            return (given, null);
        }

        EmbeddedPostgres embedded;
        try
        {
            embedded = await EmbeddedPostgres.StartAsync(Path.Combine(settings.DataDir), output, cancellationToken);
        }
        catch (PostgresUnavailableException e)
        {
            throw new StartupException($"cannot start the embedded PostgreSQL: {e.Message}");
        }

        try
        {
            await embedded.EnsureDatabaseAsync(EmbeddedDatabase, cancellationToken);
            return (embedded.ConnectionString(EmbeddedDatabase), embedded);
        }
        catch
        {
            await embedded.DisposeAsync();
            throw;
        }
    }

    public static async Task MigrateAsync(string connectionString, TextWriter output, CancellationToken cancellationToken)
    {
        var applied = await MigrationRunner.ApplyAsync(connectionString, cancellationToken);
        if (applied.Count > 0)
        {
            output.WriteLine($"Schema: applied migration(s) {string.Join(", ", applied)}");
        }
    }

    /// <summary>Creates the first admin key on an empty database and writes it to admin.key (0600); null when keys already exist.</summary>
    public static async Task<string?> BootstrapAdminKeyAsync(SiloSettings settings, string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var token = await new ApiKeyStore(dataSource, TimeProvider.System).BootstrapAdminAsync(cancellationToken);
        if (token is null)
        {
            return null;
        }

        Directory.CreateDirectory(settings.DataDir);
        var secret = token.Format();
        await using (var file = new FileStream(settings.AdminKeyFile, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync(secret);
        }

        // UnixCreateMode applies only to new files; an admin.key left from an earlier database keeps its inode.
        File.SetUnixFileMode(settings.AdminKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }

    private static async Task EnsureReachableAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = Math.Min(builder.Timeout, 10) };
        try
        {
            await using var conn = new NpgsqlConnection(probe.ConnectionString);
            await conn.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new StartupException(
                $"cannot reach PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database ?? builder.Username}'): {e.Message.TrimEnd('.')}. " +
                "Check that the server runs and fix --connection-string (or WITN_CONNECTION_STRING)");
        }
    }
}
