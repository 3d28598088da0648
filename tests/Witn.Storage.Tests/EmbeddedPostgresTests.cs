using Npgsql;
using Witn.Storage.Postgres;

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

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
