using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Witn.Grains.Tenants;
using Witn.Storage.Ledger;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>Registers what outcome grains, the ledger grain and tenant clocks need, and the due sweep of live tenants.</summary>
public static class LifecycleServices
{
    public static IServiceCollection AddOutcomeLifecycle(this IServiceCollection services)
    {
        services.TryAddSingleton(new OutcomeStoreOptions());
        services.TryAddSingleton(new OutcomeGrainOptions());
        services.TryAddSingleton(new TenantClockOptions());
        services.AddSingleton(sp => new OutcomeStore(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<OutcomeStoreOptions>()));
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<LedgerWriter>();
        services.AddSingleton<DefinitionVersions>();
        services.AddSingleton<TenantClock>();
        services.AddSingleton<IChargePricer, ContractChargePricer>();
        services.AddOptions<DueSweepOptions>().BindConfiguration(DueSweepOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DueSweepOptions>, DueSweepOptionsValidator>();
        services.AddSingleton<DueSweepService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DueSweepService>());
        services.TryAddSingleton(sp =>
        {
            var config = sp.GetService<IConfiguration>();
            var at = config?.GetValue<string>("Witn:Faults:CrashAt")
                ?? (config?.GetValue<bool>("Witn:Faults:CrashAfterLedgerCommit") == true ? OutcomeFaults.AfterLedgerCommit : null);
            if (at is not (null or OutcomeFaults.BeforeLedgerCommit or OutcomeFaults.AfterLedgerCommit or OutcomeFaults.AfterReminder))
            {
                throw new InvalidOperationException(
                    $"Witn:Faults:CrashAt is '{at}'; use {OutcomeFaults.BeforeLedgerCommit}, {OutcomeFaults.AfterLedgerCommit} or {OutcomeFaults.AfterReminder}, or remove it");
            }

            return new OutcomeFaults(at);
        });
        return services;
    }
}
