using System.Collections;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Witn.Grains.Relay;
using Witn.Silo;
using Witn.Silo.Options;
using Witn.Silo.Startup;
using Witn.Testing;

namespace Witn.EndToEnd.Tests.CloudMode;

/// <summary>
/// The real host in this process, started from cloud-mode options (<c>--log eventhubs …</c>) on a migrated
/// database of its own. Everything is as in production (ingestion, PostgreSQL log, relay, Orleans' Event Hubs
/// stream provider with its receivers, cache, grain checkpointer in PostgreSQL, tenant and outcome grains) except
/// the Azure transport: the provider's adapter factory is <see cref="InMemoryEventHubAdapterFactory"/>.
/// </summary>
public sealed class CloudModeSilo : IAsyncLifetime
{
    // Well-formed but fake: the replaced adapter never connects.
    public const string ConnectionString = "Endpoint=sb://witn-test.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==";

    private readonly TestDatabase _db = new();
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"witn-cloud-{Guid.NewGuid():N}");
    private WebApplication? _app;

    public InMemoryEventHub Hub { get; } = new(TimeProvider.System);

    public SiloSettings Settings { get; private set; } = null!;

    public string AdminKey { get; private set; } = "";

    public string DatabaseConnectionString => _db.ConnectionString;

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        await _db.InitializeAsync();
        var ports = FreePorts.Take(3);
        Settings = SiloCommandLine.Parse(
            [
                "--log", "eventhubs", "--eventhubs-connection-string", ConnectionString, "--eventhubs-name", "witn-events",
                "--http-port", $"{ports[0]}", "--silo-port", $"{ports[1]}", "--gateway-port", $"{ports[2]}",
                "--data-dir", _dataDir, "--cluster-id", $"cloud-{Guid.NewGuid():N}"[..20],
            ],
            new Hashtable(),
            out var problem,
            out _) ?? throw new InvalidOperationException(problem);
        AdminKey = await DatabaseBootstrap.BootstrapAdminKeyAsync(Settings, _db.ConnectionString, CancellationToken.None)
            ?? throw new InvalidOperationException("a fresh database must get an admin key");
        _app = SiloApp.Build(Settings, _db.ConnectionString, customize: builder =>
        {
            builder.Services.AddSingleton(Hub);
            // Replaces the Event Hubs adapter factory registered by AddEventHubStreams (the last keyed registration wins).
            builder.Services.AddKeyedSingleton<IQueueAdapterFactory>(EventHubsRelay.TargetProviderName, (sp, key) => InMemoryEventHubAdapterFactory.Create(sp, (string)key!));
        });
        await _app.StartAsync();
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Settings.HttpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _db.DisposeAsync();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
