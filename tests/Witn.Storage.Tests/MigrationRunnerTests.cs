using Npgsql;
using Witn.Storage.Migrations;
using Witn.Testing;

namespace Witn.Storage.Tests;

public sealed class MigrationRunnerTests(EmptyTestDatabase db) : IClassFixture<EmptyTestDatabase>
{
    [Fact]
    public async Task migrations_apply_once_even_when_two_runners_race()
    {
        var results = await Task.WhenAll(
            MigrationRunner.ApplyAsync(db.OwnerConnectionString, TestContext.Current.CancellationToken),
            MigrationRunner.ApplyAsync(db.OwnerConnectionString, TestContext.Current.CancellationToken));

        // One runner applied everything; the one that waited for the lock found nothing to do.
        Assert.Equal(MigrationRunner.All.Select(m => m.Version), results.SelectMany(r => r).Order());
        Assert.Empty(await MigrationRunner.ApplyAsync(db.OwnerConnectionString, TestContext.Current.CancellationToken));

        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await MigrationRunner.PendingAsync(conn, TestContext.Current.CancellationToken));
        await using var count = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", conn);
        Assert.Equal((long)MigrationRunner.All.Count, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void embedded_migrations_are_numbered_without_gaps()
    {
        var versions = MigrationRunner.All.Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions[^1]), versions);
    }
}
