using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Witn.Abstractions.Settings;
using Witn.Storage.Alerts;

namespace Witn.Grains.Alerts;

/// <summary>Registers alert storage, the evaluator and its periodic service for live tenants.</summary>
public static class AlertServices
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddCheckedOptions<AlertOptions, AlertOptionsValidator>(AlertOptions.Section);
        services.AddSingleton<AlertStore>();
        services.TryAddSingleton<Witn.Storage.Exports.ReconciliationStore>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<IHostedService, AlertSweepService>();
        return services;
    }
}
