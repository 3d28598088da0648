using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.TestingHost;
using Witn.Grains.Ingestion;
using Witn.Grains.Relay;
using Witn.Storage.Log;
using Witn.Testing;

namespace Witn.Grains.Tests.Relay;

/// <summary>
/// One silo running cloud mode's relay exactly as the host adds it (a second provider over the real PostgreSQL
/// log, relay grains as its subscribers), publishing to a <see cref="RecordingHub"/> instead of Event Hubs.
/// </summary>
public sealed class RelayCluster : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private InProcessTestCluster? _cluster;

    public RecordingHub Hub { get; } = new();

    public EventLogOptions LogOptions { get; } = new();

    public EventLogWriter Writer => Services.GetRequiredService<EventLogWriter>();

    public EventLogReader Reader => Services.GetRequiredService<EventLogReader>();

    private IServiceProvider Services => (_cluster ?? throw new InvalidOperationException("the cluster is not deployed")).Silos[0].ServiceProvider;

    public async ValueTask InitializeAsync()
    {
        await _db.InitializeAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton(_ => NpgsqlDataSource.Create(_db.ConnectionString));
            host.Services.AddSingleton(TimeProvider.System);
            host.Services.AddIngestion(LogOptions);
            host.Services.AddSingleton(Hub);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddEventLogRelay();
            silo.AddPersistentStreams(
                EventHubsRelay.TargetProviderName,
                (sp, name) => new RecordingAdapterFactory(name, sp.GetRequiredService<RecordingHub>(), sp.GetRequiredService<ILoggerFactory>()),
                stream => stream.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly));
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
