using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Witn.Grains.Shadow;
using Witn.Storage.Contracts;
using Witn.Storage.Shadow;
using Witn.Storage.Tenants;

namespace Witn.Grains.Contracts;

/// <summary>Registers the contract store, this silo's book of parsed contracts, and shadow comparison and promotion.</summary>
public static class ContractServices
{
    public static IServiceCollection AddContracts(this IServiceCollection services)
    {
        services.AddSingleton<ContractStore>();
        services.AddSingleton<ContractBook>();
        services.AddSingleton<IContractBook>(sp => sp.GetRequiredService<ContractBook>());
        services.AddSingleton<ShadowStore>();
        services.AddSingleton<ShadowComparer>();
        services.AddSingleton<ShadowPromoter>();
        // Ingestion registers it too; contracts check a tenant exists before storing its contract.
        services.TryAddSingleton<TenantStore>();
        return services;
    }
}
