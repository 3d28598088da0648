using Witn.Abstractions.Ingestion;
using Witn.Client.Events;
using Witn.Domain.Ingestion;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Witn.Abstractions.Access;
using Witn.Abstractions.Cluster;

namespace Witn.Client;

/// <summary>
/// A connection to the cluster through its Orleans gateways, for trusted callers inside the deployment (no API
/// key: the gateway port must not be exposed to the internet). Create with <see cref="ConnectAsync"/>, dispose to
/// disconnect. Thread-safe.
/// </summary>
public sealed class WitnClusterClient : IAsyncDisposable, IWitnEventSender
{
    private readonly IHost _host;

    private WitnClusterClient(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The grains behind the operations here, for what this client does not wrap yet.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>
    /// Connects to the first reachable gateway. Throws <see cref="WitnClusterConnectionException"/> when none accepts
    /// within <see cref="WitnClusterClientOptions.ConnectTimeout"/> (nothing listens, or another cluster id).
    /// </summary>
    public static async Task<WitnClusterClient> ConnectAsync(WitnClusterClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var gateways = new List<IPEndPoint>();
        foreach (var gateway in options.Gateways)
        {
            var (host, port) = WitnClusterClientOptions.ParseGateway(gateway);
            var address = IPAddress.TryParse(host, out var ip) ? ip : (await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false))[0];
            gateways.Add(new IPEndPoint(address, port));
        }

        // An empty builder: a library must not pick up the calling app's appsettings, environment or console logging.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleansClient(client => client
            .UseStaticClustering([.. gateways])
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = WitnClusterClientOptions.ServiceId;
            }));
        var app = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await app.StartAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            app.Dispose();
            throw new WitnClusterConnectionException(
                $"could not connect to Witn cluster '{options.ClusterId}' through {string.Join(", ", options.Gateways)} within {options.ConnectTimeout.TotalSeconds:0.#} s: " +
                $"check that a silo runs there (its --gateway-port) and that ClusterId matches its --cluster-id ({e.GetType().Name}: {e.Message})", e);
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return new WitnClusterClient(app);
    }

    /// <summary>Calls the probe grain for a key: which silo hosts it and how often its activation has been called.</summary>
    public Task<ProbeReply> PingAsync(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Grains.GetGrain<IClusterProbeGrain>(key).PingAsync();
    }

    /// <summary>Every API key, revoked ones included, without secrets.</summary>
    public Task<ApiKeyInfo[]> ListKeysAsync() => Grains.GetGrain<IApiKeyRegistryGrain>(0).ListAsync();

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EventResult>> SendAsync(IEnumerable<WitnEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var results = new List<EventResult>();
        foreach (var body in EventEnvelope.Requests(events))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reply = await Grains.GetGrain<IIngestGrain>(0).IngestAsync(body, "application/json", null).ConfigureAwait(false);
            if (reply.Failure is { } failure)
            {
                throw EventEnvelope.ToException(failure);
            }

            results.AddRange(reply.Results);
        }

        return results;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
