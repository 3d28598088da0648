using Npgsql;
using Witn.Storage.Migrations;
using Witn.Storage.Postgres;

namespace Witn.Benchmarks.Log;

/// <summary>
/// A throwaway embedded PostgreSQL (the silo's own provisioning: fsync on, synchronous_commit on) in a temporary
/// folder, with the project's migrations applied. Deleted on dispose.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string _dataDir;
    private readonly EmbeddedPostgres _server;

    private BenchmarkDatabase(string dataDir, EmbeddedPostgres server, NpgsqlDataSource dataSource, string connectionString)
    {
        _dataDir = dataDir;
        _server = server;
        DataSource = dataSource;
        ConnectionString = connectionString;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The migrated benchmark database (an in-process silo can run on it).</summary>
    public string ConnectionString { get; }

    public static async Task<BenchmarkDatabase> StartAsync(TextWriter log)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"witn-bench-pg-{Guid.NewGuid():N}"[..32]);
        log.WriteLine($"starting embedded PostgreSQL in {dataDir}");
        var server = await EmbeddedPostgres.StartAsync(dataDir);
        await server.EnsureDatabaseAsync("bench");
        var connectionString = server.ConnectionString("bench");
        await MigrationRunner.ApplyAsync(connectionString);
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 100 }.ConnectionString);
        await using (var cmd = dataSource.CreateCommand("SELECT current_setting('fsync') || '/' || current_setting('synchronous_commit') || ', ' || version()"))
        {
            log.WriteLine($"PostgreSQL fsync/synchronous_commit: {await cmd.ExecuteScalarAsync()}");
        }

        return new BenchmarkDatabase(dataDir, server, dataSource, connectionString);
    }

    /// <summary>
    /// Empties the event log between runs. The log refuses TRUNCATE even to its owner; the benchmark connects as the
    /// superuser, whose replica mode skips that trigger (a privileged path, as archiving will be).
    /// </summary>
    public Task EmptyEventLogAsync() =>
        ExecuteAsync("SET session_replication_role = replica; TRUNCATE events; SET session_replication_role = DEFAULT");

    public async Task ExecuteAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A straggling server process still holds a file; the OS temp cleaner gets the rest.
        }
    }
}
