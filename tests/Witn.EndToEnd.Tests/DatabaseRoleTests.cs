using System.Globalization;
using Npgsql;
using Witn.Storage.Migrations;
using Witn.Storage.Postgres;
using Witn.Testing;

namespace Witn.EndToEnd.Tests;

/// <summary>
/// With a given PostgreSQL the silo migrates as the owner and works as the runtime role; it refuses to work as a
/// role the database could not hold to append-only money, unless told so with --allow-owner-role.
/// </summary>
public sealed class DatabaseRoleTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string HowToSplit =
        "create an owner role and the runtime role witn_runtime (the SQL is in docs/operations.md), give the runtime role in --connection-string " +
        "and the owner in --migrate-connection-string, or pass --allow-owner-role to run as '{0}' anyway";

    [Fact]
    public async Task a_superuser_connection_is_refused_with_how_to_create_the_roles()
    {
        var superuser = (await SharedPostgres.GetAsync()).ConnectionString(db.Name);

        var (exit, output) = await RunToExitAsync(["--connection-string", superuser]);

        Assert.Equal(1, exit);
        Assert.Equal(
            "witn-silo: --connection-string (or WITN_CONNECTION_STRING) connects as 'witn', a PostgreSQL superuser, which could change or drop the ledger: " +
            string.Format(CultureInfo.InvariantCulture, HowToSplit, "witn"), output.Trim());
    }

    [Fact]
    public async Task the_owner_of_the_tables_is_refused_unless_allow_owner_role_is_given()
    {
        var (exit, output) = await RunToExitAsync(["--connection-string", db.OwnerConnectionString]);

        Assert.Equal(1, exit);
        // The message names the first three tables it owns (by name), whatever later migrations add.
        var expected = "witn-silo: --connection-string (or WITN_CONNECTION_STRING) connects as 'witn_owner', which owns the tables (TABLES, …) and so could disable their triggers or drop them: " +
            string.Format(CultureInfo.InvariantCulture, HowToSplit, "witn_owner");
        Assert.Matches(
            "^" + System.Text.RegularExpressions.Regex.Escape(expected).Replace("TABLES", "[a-z_]+, [a-z_]+, [a-z_]+", StringComparison.Ordinal) + "$",
            output.Trim());

        await using var dir = new TempDataDir();
        await using var silo = SiloProcess.Start(dir.Path, db.OwnerConnectionString, ["--allow-owner-role"]);
        await silo.WaitUntilReadyAsync();
        Assert.Contains("  Roles       works as witn_owner (--allow-owner-role)", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_runtime_role_alone_does_not_migrate_and_says_which_option_is_missing()
    {
        await using var empty = new EmptyTestDatabase();
        await empty.InitializeAsync();

        var (exit, output) = await RunToExitAsync(["--connection-string", empty.ConnectionString]);

        Assert.Equal(1, exit);
        Assert.Equal(
            $"witn-silo: the database needs migration(s) {string.Join(", ", MigrationRunner.All.Select(m => m.Version))}, and the silo applies them only as the owner role: " +
            "give the owner's connection string in --migrate-connection-string (or WITN_MIGRATE_CONNECTION_STRING; docs/operations.md), or pass --allow-owner-role to migrate as 'witn_runtime'",
            output.Trim());
    }

    [Fact]
    public async Task the_owner_migrates_and_every_session_the_silo_keeps_is_the_runtime_role()
    {
        await using var empty = new EmptyTestDatabase();
        await empty.InitializeAsync();
        await using var dir = new TempDataDir();

        await using var silo = SiloProcess.Start(dir.Path, empty.ConnectionString, ["--migrate-connection-string", empty.OwnerConnectionString]);
        await silo.WaitUntilReadyAsync();

        Assert.Contains($"Schema: applied migration(s) {string.Join(", ", MigrationRunner.All.Select(m => m.Version))}", silo.Output, StringComparison.Ordinal);
        Assert.Contains("  Roles       works as witn_runtime, migrates as witn_owner", silo.Output, StringComparison.Ordinal);
        Assert.Equal([DatabaseRoles.Runtime], await SessionRoles.OnAsync((await SharedPostgres.GetAsync()).ConnectionString(), empty.Name));
    }

    [Fact]
    public async Task a_login_without_the_runtime_rights_is_refused_with_the_grant_to_give()
    {
        await using var stranger = await StrangerAsync();
        var connection = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = stranger.Name, Password = Stranger.Password }.ConnectionString;

        var (exit, output) = await RunToExitAsync(["--connection-string", connection]);

        Assert.Equal(1, exit);
        Assert.Equal(
            $"witn-silo: --connection-string (or WITN_CONNECTION_STRING) connects as '{stranger.Name}', which holds none of the rights the migrations grant to witn_runtime: " +
            $"connect as witn_runtime, or GRANT witn_runtime TO {stranger.Name} (docs/operations.md)", output.Trim());
    }

    [Fact]
    public async Task migrating_as_a_role_that_does_not_own_the_database_fails_with_one_line_naming_the_role()
    {
        await using var empty = new EmptyTestDatabase();
        await empty.InitializeAsync();
        await using var stranger = await StrangerAsync();
        var migrate = new NpgsqlConnectionStringBuilder(empty.OwnerConnectionString) { Username = stranger.Name, Password = Stranger.Password }.ConnectionString;

        var (exit, output) = await RunToExitAsync(["--connection-string", empty.ConnectionString, "--migrate-connection-string", migrate]);

        Assert.Equal(1, exit);
        Assert.Equal(
            $"witn-silo: applying the migrations as '{stranger.Name}' failed: permission denied for schema public; " +
            "migrate as the owner of the database (--migrate-connection-string; docs/operations.md)", output.Trim());
    }

    private static async Task<Stranger> StrangerAsync()
    {
        var name = $"stranger_{Guid.NewGuid():N}"[..20];
        await ExecuteAsync((await SharedPostgres.GetAsync()).ConnectionString(), $"CREATE ROLE {name} LOGIN PASSWORD '{Stranger.Password}'");
        return new Stranger(name);
    }

    /// <summary>A login role with no rights at all, dropped on dispose.</summary>
    private sealed record Stranger(string Name) : IAsyncDisposable
    {
        public const string Password = "stranger";

        public async ValueTask DisposeAsync()
        {
            // Its sessions (the silo's, already exited) must be gone before the role can be dropped.
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync((await SharedPostgres.GetAsync()).ConnectionString(), $"DROP ROLE IF EXISTS {Name}");
        }
    }

    private static Task<(int ExitCode, string Output)> RunToExitAsync(string[] args)
    {
        var ports = FreePorts.Take(3);
        return SiloProcess.RunToExitAsync(
        [
            .. args, "--data-dir", Path.Combine(Path.GetTempPath(), $"witn-roles-{Guid.NewGuid():N}"),
            "--http-port", $"{ports[0]}", "--silo-port", $"{ports[1]}", "--gateway-port", $"{ports[2]}",
        ]);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
