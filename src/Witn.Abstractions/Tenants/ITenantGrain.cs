using Orleans.Concurrency;
using Witn.Domain.Tenants;

namespace Witn.Abstractions.Tenants;

/// <summary>One tenant: its settings now; the routing of its events as the log delivers them.</summary>
[Alias("witn.tenants.tenant-grain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the tenant from a spec; a refused spec changes nothing.</summary>
    [Alias("put")]
    Task<TenantPutReply> PutAsync(TenantSpec spec);

    [Alias("get")]
    Task<Tenant?> GetAsync();

    /// <summary>The log position through which this tenant's events have reached their outcomes (answers between deliveries).</summary>
    [Alias("routed-through"), AlwaysInterleave]
    Task<long> GetRoutedThroughAsync();

    /// <summary>Moves a sandbox tenant's clock (the clock grain calls this once routing has caught up).</summary>
    [Alias("set-clock")]
    Task<Tenant?> SetClockAsync(DateTimeOffset to);
}
