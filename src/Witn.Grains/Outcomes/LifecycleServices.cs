using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;
using Witn.Grains.Telemetry;
using Witn.Grains.Tenants;
using Witn.Storage.Ledger;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>Registers what outcome grains, the ledger grain and tenant clocks need, and the due sweep of live tenants.</summary>
public static class LifecycleServices
{
    public static IServiceCollection AddOutcomeLifecycle(this IServiceCollection services)
    {
        services.AddCheckedOptions<OutcomeStoreOptions, OutcomeStoreOptionsValidator>(OutcomeStoreOptions.Section);
        services.AddCheckedOptions<OutcomeGrainOptions, OutcomeGrainOptionsValidator>(OutcomeGrainOptions.Section);
        services.AddCheckedOptions<TenantClockOptions, TenantClockOptionsValidator>(TenantClockOptions.Section);
        services.AddCheckedOptions<DueSweepOptions, DueSweepOptionsValidator>(DueSweepOptions.Section);
        services.AddSingleton(sp => new OutcomeStore(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<IOptions<OutcomeStoreOptions>>().Value));
        services.AddEngineMetrics();
        services.TryAddSingleton<OutcomeMetrics>();
        services.TryAddSingleton<Ledger.LedgerMetrics>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<LedgerWriter>();
        services.AddSingleton<DefinitionVersions>();
        services.AddSingleton<TenantClock>();
        services.AddSingleton<IChargePricer, ContractChargePricer>();
        services.AddSingleton<DueSweepService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DueSweepService>());
        // Production settles without interruption; only a test host registers a hook that crashes at a step.
        services.TryAddSingleton<ISettlementMilestoneHook, NoSettlementMilestoneHook>();
        return services;
    }
}
