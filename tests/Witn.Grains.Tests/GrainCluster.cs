using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;
using Witn.Storage.Access;
using Witn.Testing;

namespace Witn.Grains.Tests;

/// <summary>
/// A real Orleans cluster (one silo, in process) whose grains get the services the silo host gives them
/// (see silo/SiloApp.cs) on a migrated database of their own, with a fake clock so timestamps are exact.
/// One per test class.
/// </summary>
public sealed class GrainCluster : IAsyncLifetime
{
    // Whole microseconds: PostgreSQL keeps microseconds, so stored times read back equal.
    public static readonly DateTimeOffset Start = new(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private readonly TestDatabase _db = new();
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Time { get; } = new(Start);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not deployed");

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        await _db.InitializeAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton(_ => NpgsqlDataSource.Create(_db.ConnectionString));
            // The fake clock goes to our store only: Orleans resolves TimeProvider from DI for membership and
            // timers, and a frozen clock there leaves the silo without an active gateway.
            host.Services.AddSingleton(sp => new ApiKeyStore(sp.GetRequiredService<NpgsqlDataSource>(), Time));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _db.DisposeAsync();
    }
}
