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
}
