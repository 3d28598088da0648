using Witn.Domain.Tenants;

namespace Witn.Abstractions.Tenants;

/// <summary>Lists tenants; stateless, any silo answers from the database.</summary>
[Alias("witn.tenants.registry")]
public interface ITenantRegistryGrain : IGrainWithIntegerKey
{
    [Alias("list")]
    Task<Tenant[]> ListAsync();
}
