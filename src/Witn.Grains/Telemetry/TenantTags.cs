using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Witn.Grains.Telemetry;

/// <summary>
/// The <c>tenant</c> attribute of metrics, when <see cref="TelemetryOptions.TenantAttribute"/> turns it on: the first
/// <see cref="TelemetryOptions.MaxTenants"/> tenants seen keep their id, later ones are <see cref="Other"/>, so the
/// number of series stays bounded whatever the number of tenants.
/// </summary>
public sealed class TenantTags(IOptions<TelemetryOptions> options)
{
    public const string Name = "tenant";

    public const string Other = "_other";

    private readonly ConcurrentDictionary<string, string> _named = new(StringComparer.Ordinal);
    private readonly int _max = options.Value.MaxTenants;

    /// <summary>Whether metrics carry the tenant at all (callers skip building per-tenant tags when not).</summary>
    public bool Enabled { get; } = options.Value.TenantAttribute;

    /// <summary>The attribute value for <paramref name="tenantId"/>: its id while there is room, <see cref="Other"/> after.</summary>
    public string Of(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (_named.TryGetValue(tenantId, out var value))
        {
            return value;
        }

        // A race may name a few more than the cap; bounded either way.
        return _named.Count < _max ? _named.GetOrAdd(tenantId, tenantId) : Other;
    }
}
