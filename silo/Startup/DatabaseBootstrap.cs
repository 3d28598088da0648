using Npgsql;
using Witn.Silo.Options;
using Witn.Storage.Access;
using Witn.Storage.Migrations;
using Witn.Storage.Postgres;

namespace Witn.Silo.Startup;

/// <summary>
/// Before Orleans starts: a reachable PostgreSQL (the given one, or our embedded one), the schema migrated by the
/// owner role, the silo's own role checked, and on a brand-new database the first admin key.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class DatabaseBootstrap
{
    public const string EmbeddedDatabase = "witn";

    public static async Task<DatabaseTarget> ConnectAsync(SiloSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        if (settings.ConnectionString is { } given)
        {
            await EnsureReachableAsync(given, "--connection-string (or WITN_CONNECTION_STRING)", cancellationToken);
            if (settings.MigrateConnectionString is { } owner)
            {
                await EnsureReachableAsync(owner, "--migrate-connection-string (or WITN_MIGRATE_CONNECTION_STRING)", cancellationToken);
            }

            return new DatabaseTarget(given, settings.MigrateConnectionString, null);
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
            return new DatabaseTarget(embedded.RuntimeConnectionString(EmbeddedDatabase), embedded.OwnerConnectionString(EmbeddedDatabase), embedded);
        }
        catch
        {
            await embedded.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Migrates as the owner and makes sure the silo will work as a role the database can hold to append-only money:
    /// not a superuser, unable to create roles, owning no table and holding the runtime role's rights; otherwise
    /// the silo refuses to start, unless <see cref="SiloSettings.AllowOwnerRole"/>.
    /// </summary>
    public static async Task PrepareAsync(SiloSettings settings, DatabaseTarget target, TextWriter output, CancellationToken cancellationToken)
    {
        var allow = settings.AllowOwnerRole;
        var standing = await RoleStanding.ReadAsync(target.Runtime, cancellationToken);
        if (!allow && (standing.IsSuperuser || standing.CanCreateRoles))
        {
            var what = standing.IsSuperuser ? "a PostgreSQL superuser" : "a role that can create roles (and so grant itself any other)";
            throw new StartupException($"{RuntimeSource} connects as '{standing.Role}', {what}, which could change or drop the ledger: {HowToSplit(standing.Role)}");
        }

        var migrator = target.Migrate ?? (allow ? target.Runtime : null);
        if (migrator is not null)
        {
            await MigrateAsync(migrator, output, cancellationToken);
        }
        else
        {
            var pending = await PendingAsync(target.Runtime, standing.Role, cancellationToken);
            if (pending.Count > 0)
            {
                throw new StartupException(
                    $"the database needs migration(s) {string.Join(", ", pending.Select(m => m.Version))}, and the silo applies them only as the owner role: " +
                    $"give the owner's connection string in --migrate-connection-string (or WITN_MIGRATE_CONNECTION_STRING; docs/operations.md), or pass --allow-owner-role to migrate as '{standing.Role}'");
            }
        }

        if (allow)
        {
            return;
        }

        standing = await RoleStanding.ReadAsync(target.Runtime, cancellationToken);
        if (standing.OwnedTables.Count > 0)
        {
            throw new StartupException(
                $"{RuntimeSource} connects as '{standing.Role}', which owns the tables ({string.Join(", ", standing.OwnedTables.Take(3))}{(standing.OwnedTables.Count > 3 ? ", …" : "")}) and so could disable their triggers or drop them: {HowToSplit(standing.Role)}");
        }

        if (!standing.HasRuntimeRights)
        {
            throw new StartupException(NoRuntimeRights(standing.Role));
        }
    }

    private const string RuntimeSource = "--connection-string (or WITN_CONNECTION_STRING)";

    private static string HowToSplit(string role) =>
        $"create an owner role and the runtime role {DatabaseRoles.Runtime} (the SQL is in docs/operations.md), give the runtime role in --connection-string " +
        $"and the owner in --migrate-connection-string, or pass --allow-owner-role to run as '{role}' anyway";

    private static string NoRuntimeRights(string role) =>
        $"{RuntimeSource} connects as '{role}', which holds none of the rights the migrations grant to {DatabaseRoles.Runtime}: " +
        $"connect as {DatabaseRoles.Runtime}, or GRANT {DatabaseRoles.Runtime} TO {role} (docs/operations.md)";

    private static async Task<IReadOnlyList<Migration>> PendingAsync(string connectionString, string role, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync(cancellationToken);
        try
        {
            return await MigrationRunner.PendingAsync(conn, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new StartupException(NoRuntimeRights(role));
        }
    }

    private static async Task MigrateAsync(string connectionString, TextWriter output, CancellationToken cancellationToken)
    {
        // Not pooled: the owner's session ends with the migrations instead of idling beside the silo's.
        var once = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        IReadOnlyList<int> applied;
        try
        {
            applied = await MigrationRunner.ApplyAsync(once.ConnectionString, cancellationToken);
        }
        catch (PostgresException e)
        {
            // Typically a role that does not own the schema: say who tried and what PostgreSQL answered.
            throw new StartupException(
                $"applying the migrations as '{once.Username}' failed: {e.MessageText}{(e.Hint is { } hint ? $" ({hint})" : "")}; " +
                "migrate as the owner of the database (--migrate-connection-string; docs/operations.md)");
        }

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

    private static async Task EnsureReachableAsync(string connectionString, string option, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = Math.Min(builder.Timeout, 10) };
        try
        {
            await using var conn = new NpgsqlConnection(probe.ConnectionString);
            await conn.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            // The server answered: it runs and is reachable, it refused this login (28P01 wrong password, 28000 no such
            // role or no pg_hba.conf entry for it).
            var what = e.SqlState == PostgresErrorCodes.InvalidPassword ? $"the password of '{builder.Username}'" : $"the login '{builder.Username}'";
            throw new StartupException(
                $"PostgreSQL at {builder.Host}:{builder.Port} refused {what}: authentication failed ({e.MessageText.TrimEnd('.')}). " +
                $"Fix the user name or password in {option}");
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new StartupException(
                $"cannot reach PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database ?? builder.Username}'): {e.Message.TrimEnd('.')}. " +
                $"Check that the server runs and fix {option}");
        }
    }
}
