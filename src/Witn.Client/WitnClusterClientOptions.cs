using System.Globalization;

namespace Witn.Client;

/// <summary>How to reach the cluster through Orleans gateways. Checked by <see cref="Validate"/> before connecting.</summary>
public sealed class WitnClusterClientOptions
{
    /// <summary>The service id every Witn silo uses; a client with another one is refused by the gateway.</summary>
    public const string ServiceId = "witn-actors";

    /// <summary>Gateways as <c>host:port</c> (the silos' <c>--gateway-port</c>, 30000 by default); at least one.</summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>The silos' <c>--cluster-id</c>; <c>witn</c> by default.</summary>
    public string ClusterId { get; set; } = "witn";

    /// <summary>How long <see cref="WitnClusterClient.ConnectAsync"/> may try before it gives up; 30 seconds by default.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming what to fix when the options cannot work.</summary>
    public void Validate()
    {
        if (Gateways.Count == 0)
        {
            throw new ArgumentException("WitnClusterClientOptions.Gateways is empty: add at least one silo gateway as host:port, e.g. 127.0.0.1:30000 (the silo's --gateway-port)", nameof(Gateways));
        }

        foreach (var gateway in Gateways)
        {
            _ = ParseGateway(gateway);
        }

        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new ArgumentException("WitnClusterClientOptions.ClusterId is empty: use the silos' --cluster-id ('witn' unless they were started with another)", nameof(ClusterId));
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"WitnClusterClientOptions.ConnectTimeout must be positive, not {ConnectTimeout}", nameof(ConnectTimeout));
        }
    }

    /// <summary>Splits <c>host:port</c> (IPv6 as <c>[::1]:30000</c>); throws naming the bad entry.</summary>
    internal static (string Host, int Port) ParseGateway(string? gateway)
    {
        var colon = gateway?.LastIndexOf(':') ?? -1;
        var host = colon > 0 ? gateway![..colon].Trim('[', ']') : "";
        if (colon <= 0 || host.Length == 0 ||
            !int.TryParse(gateway.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"WitnClusterClientOptions.Gateways has '{gateway}', which is not host:port with a port of 1-65535, e.g. 127.0.0.1:30000", nameof(Gateways));
        }

        return (host, port);
    }
}
