using Witn.Domain.Tenants;

namespace Witn.Abstractions.Tenants;

/// <summary>Lists tenants; stateless, any silo answers from the database.</summary>
[Alias("witn.tenants.registry")]
public interface ITenantRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>A page of tenants by id: at most <paramref name="limit"/> whose id sorts after <paramref name="after"/>; only <paramref name="only"/> when given.</summary>
    [Alias("list")]
    Task<Tenant[]> ListAsync(string? only, int limit, string? after);
}
