using Orleans.Concurrency;
using Witn.Abstractions.Tenants;
using Witn.Domain.Tenants;
using Witn.Storage.Tenants;

namespace Witn.Grains.Tenants;

[StatelessWorker]
public sealed class TenantRegistryGrain(TenantStore store) : Grain, ITenantRegistryGrain
{
    public async Task<Tenant[]> ListAsync(string? only, int limit, string? after) => [.. await store.ListAsync(only, limit, after)];
}
