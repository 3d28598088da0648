using Npgsql;
using Witn.Storage.Migrations;
using Witn.Storage.Postgres;
using Witn.Testing;

namespace Witn.Storage.Tests;

public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"witn-embedded-{Guid.NewGuid():N}");

    [Fact]
    public async Task a_second_start_reuses_the_data_of_the_first()
    {
        await using (var first = await EmbeddedPostgres.StartAsync(_dataDir, cancellationToken: TestContext.Current.CancellationToken))
        {
            await first.EnsureDatabaseAsync("keep");
            await ExecuteAsync(first.ConnectionString("keep"), "CREATE TABLE marker (v int); INSERT INTO marker VALUES (42)");
        }

        await using var second = await EmbeddedPostgres.StartAsync(_dataDir, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(42, await ScalarAsync<int>(second.ConnectionString("keep"), "SELECT v FROM marker"));
    }

    [Fact]
    public async Task a_stale_pid_file_left_by_a_crash_is_recovered()
    {
        await using (var first = await EmbeddedPostgres.StartAsync(_dataDir, cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.True(first.OwnsServer);
        }

        // What a SIGKILLed server leaves behind: a lock file naming a process that no longer exists.
        var pidFile = Path.Combine(_dataDir, "pgdata", "postmaster.pid");
        await File.WriteAllLinesAsync(pidFile, ["999999", Path.Combine(_dataDir, "pgdata"), "1700000000", "5432", "", "127.0.0.1"], TestContext.Current.CancellationToken);

        await using var second = await EmbeddedPostgres.StartAsync(_dataDir, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(second.OwnsServer);
        Assert.Equal(1, await ScalarAsync<int>(second.ConnectionString(), "SELECT 1"));
    }

    [Fact]
    public async Task stopping_the_server_closes_its_port()
    {
        var server = await EmbeddedPostgres.StartAsync(_dataDir, cancellationToken: TestContext.Current.CancellationToken);
        var cs = server.ConnectionString();
        await server.DisposeAsync();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync<int>(cs + ";Pooling=false;Timeout=2", "SELECT 1"));
        Assert.False(File.Exists(Path.Combine(_dataDir, "pgdata", "postmaster.pid")));
    }

    [Fact]
    public async Task a_new_database_belongs_to_the_owner_role_and_the_runtime_role_logs_in_without_superpowers()
    {
        var server = await SharedPostgres.GetAsync();
        var name = $"roles_{Guid.NewGuid():N}"[..20];
        try
        {
            await server.EnsureDatabaseAsync(name, TestContext.Current.CancellationToken);

            Assert.Equal(DatabaseRoles.Owner, await ScalarAsync<string>(server.ConnectionString(), $"SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = '{name}'"));
            Assert.Equal(DatabaseRoles.Owner, await ScalarAsync<string>(server.OwnerConnectionString(name), "SELECT current_user::text"));
            var runtime = await RoleStanding.ReadAsync(server.RuntimeConnectionString(name), TestContext.Current.CancellationToken);
            Assert.Equal(DatabaseRoles.Runtime, runtime.Role);
            Assert.False(runtime.IsSuperuser || runtime.CanCreateRoles);
            Assert.False((await RoleStanding.ReadAsync(server.OwnerConnectionString(name), TestContext.Current.CancellationToken)).IsSuperuser);
        }
        finally
        {
            await DropAsync(server, name);
        }
    }

    [Fact]
    public async Task a_database_made_when_the_superuser_owned_everything_is_handed_over_to_the_owner_role()
    {
        var server = await SharedPostgres.GetAsync();
        var name = $"legacy_{Guid.NewGuid():N}"[..20];
        try
        {
            // What a data folder from before the two roles holds: a database whose schema the superuser migrated.
            await ExecuteAsync(server.ConnectionString(), $"CREATE DATABASE {name}");
            await MigrationRunner.ApplyAsync(server.ConnectionString(name) + ";Pooling=false", TestContext.Current.CancellationToken);

            await server.EnsureDatabaseAsync(name, TestContext.Current.CancellationToken);

            var superuser = server.ConnectionString(name) + ";Pooling=false";
            Assert.Equal(DatabaseRoles.Owner, await ScalarAsync<string>(superuser, "SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()"));
            Assert.Equal(0L, await ScalarAsync<long>(superuser, $"""
                SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relowner <> '{DatabaseRoles.Owner}'::regrole)
                     + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proowner <> '{DatabaseRoles.Owner}'::regrole)
                """));
            var owner = await RoleStanding.ReadAsync(server.OwnerConnectionString(name), TestContext.Current.CancellationToken);
            Assert.Contains("charges", owner.OwnedTables);
            Assert.Contains("schema_migrations", owner.OwnedTables);
        }
        finally
        {
            await DropAsync(server, name);
        }
    }

    [Fact]
    public void missing_binaries_name_the_package_to_install()
    {
        var empty = Path.Combine(_dataDir, "no-binaries");
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<PostgresUnavailableException>(() => PostgresBinaries.Find(empty, empty));

        Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task DropAsync(EmbeddedPostgres server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server.ConnectionString(), $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
