using Npgsql;
using Witn.Storage.Migrations;

namespace Witn.Testing;

/// <summary>
/// A database of its own for one test class (use as <c>IClassFixture&lt;TestDatabase&gt;</c>), created on the
/// shared server with the project's migrations applied, and dropped afterwards even when tests failed.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class TestDatabase : Xunit.IAsyncLifetime
{
    public string Name { get; } = $"t_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>Whether <see cref="InitializeAsync"/> applies the migrations.</summary>
    protected virtual bool Migrate => true;

    public async ValueTask InitializeAsync()
    {
        var server = await SharedPostgres.GetAsync();
        await server.EnsureDatabaseAsync(Name);
        ConnectionString = server.ConnectionString(Name);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        if (Migrate)
        {
            await MigrationRunner.ApplyAsync(ConnectionString);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var server = await SharedPostgres.GetAsync();
        await using var conn = new NpgsqlConnection(server.ConnectionString());
        await conn.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await drop.ExecuteNonQueryAsync();
    }
}
