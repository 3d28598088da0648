using Npgsql;
using Witn.Storage.Migrations;

namespace Witn.Testing;

/// <summary>
/// A database of its own for one test class (use as <c>IClassFixture&lt;TestDatabase&gt;</c>), created on the
/// shared server with the project's migrations applied by the owner role, and dropped afterwards even when tests
/// failed. Tests work as the runtime role, as the silo does, so every test also proves the runtime grants suffice.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class TestDatabase : Xunit.IAsyncLifetime
{
    public string Name { get; } = $"t_{Guid.NewGuid():N}";

    /// <summary>As the runtime role (<c>witn_runtime</c>): what the silo and the stores use.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>
    /// As the owner role (<c>witn_owner</c>), unpooled: migrations, and test set-ups that do what the silo may not
    /// (e.g. tampering with a table to show a check catches it).
    /// </summary>
    public string OwnerConnectionString { get; private set; } = "";

    /// <summary>As the runtime role.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>As the owner role (unpooled): for statements the runtime role has no right to run.</summary>
    public NpgsqlDataSource OwnerDataSource { get; private set; } = null!;

    /// <summary>Whether <see cref="InitializeAsync"/> applies the migrations.</summary>
    protected virtual bool Migrate => true;

    public async ValueTask InitializeAsync()
    {
        var server = await SharedPostgres.GetAsync();
        await server.EnsureDatabaseAsync(Name);
        ConnectionString = server.RuntimeConnectionString(Name);
        OwnerConnectionString = new NpgsqlConnectionStringBuilder(server.OwnerConnectionString(Name)) { Pooling = false }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        OwnerDataSource = NpgsqlDataSource.Create(OwnerConnectionString);
        if (Migrate)
        {
            await MigrationRunner.ApplyAsync(OwnerConnectionString);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await OwnerDataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var server = await SharedPostgres.GetAsync();
        await using var conn = new NpgsqlConnection(server.ConnectionString());
        await conn.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await drop.ExecuteNonQueryAsync();
    }
}
