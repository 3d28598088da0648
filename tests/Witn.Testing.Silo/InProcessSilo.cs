using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Witn.Silo;
using Witn.Silo.Options;
using Witn.Silo.Startup;
using Witn.Testing;

namespace Witn.Testing.Silo;

/// <summary>
/// The real host (Kestrel + Orleans silo) in this test process, on its own migrated database and free ports.
/// One per test class (<c>IClassFixture&lt;InProcessSilo&gt;</c>): startup costs a few seconds, tests share it.
/// A fixture that needs other settings derives from it and passes configuration (e.g. <c>Witn:Webhooks:PollInterval</c>).
/// </summary>
public class InProcessSilo : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"witn-api-{Guid.NewGuid():N}");
    private readonly IReadOnlyDictionary<string, string?> _configuration;
    private readonly Action<WebApplicationBuilder>? _customize;
    private WebApplication? _app;

    public InProcessSilo()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>
    /// A silo whose configuration also has <paramref name="configuration"/> (keys like <c>Witn:Webhooks:MaxAttempts</c>);
    /// <paramref name="customize"/> may replace a service (e.g. give the key store a fake clock).
    /// </summary>
    protected InProcessSilo(IReadOnlyDictionary<string, string?> configuration, Action<WebApplicationBuilder>? customize = null)
    {
        _configuration = configuration;
        _customize = customize;
    }

    public SiloSettings Settings { get; private set; } = null!;

    public string AdminKey { get; private set; } = "";

    public string ConnectionString => _db.ConnectionString;

    /// <summary>The database owner's connection (what the silo's role may not do, e.g. wipe a table to test a rebuild).</summary>
    public string OwnerConnectionString => _db.OwnerConnectionString;

    public Uri BaseAddress => new($"http://127.0.0.1:{Settings.HttpPort}");

    public IServiceProvider Services => _app!.Services;

    public virtual async ValueTask InitializeAsync()
    {
        await _db.InitializeAsync();
        var ports = FreePorts.Take(3);
        Settings = Adjust(new SiloSettings { HttpPort = ports[0], SiloPort = ports[1], GatewayPort = ports[2], DataDir = _dataDir, ClusterId = $"api-{Guid.NewGuid():N}"[..20], Dashboard = true });
        AdminKey = await DatabaseBootstrap.BootstrapAdminKeyAsync(Settings, _db.ConnectionString, CancellationToken.None)
            ?? throw new InvalidOperationException("a fresh database must get an admin key");
        _app = SiloApp.Build(Settings, _db.ConnectionString, customize: b =>
        {
            b.Configuration.AddInMemoryCollection(_configuration);
            // Every silo start warns that the test host has no server GC: dozens of silos bury a failure's own lines.
            b.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
            _customize?.Invoke(b);
        });
        await _app.StartAsync();
    }

    /// <summary>The settings a derived fixture runs with (e.g. telemetry off), from the defaults every test silo has.</summary>
    protected virtual SiloSettings Adjust(SiloSettings settings) => settings;

    /// <summary>An HTTP client without credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>An HTTP client sending the given key (the admin key by default) as a bearer token.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? AdminKey);
        return client;
    }

    /// <summary>Creates (or updates) a live tenant with the admin key: keys and webhooks may only name tenants that exist.</summary>
    public async Task PutTenantAsync(string tenant, CancellationToken cancellationToken = default)
    {
        using var admin = Client();
        using var body = new StringContent("""{"name":"Test tenant"}""", System.Text.Encoding.UTF8, "application/json");
        using var put = await admin.PutAsync(new Uri($"/v1/tenants/{tenant}", UriKind.Relative), body, cancellationToken);
        if (!put.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT /v1/tenants/{tenant}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
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
