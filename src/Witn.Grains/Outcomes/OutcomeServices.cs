using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Witn.Storage.Notifications;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>Registers the outcome definition store, this silo's catalog and the service that keeps it current.</summary>
public static class OutcomeServices
{
    public static IServiceCollection AddOutcomeDefinitions(this IServiceCollection services)
    {
        services.AddSingleton<DefinitionStore>();
        services.TryAddSingleton<Witn.Storage.Replay.ReplayStore>();
        services.TryAddSingleton<ChangeListener>();
        services.AddSingleton<IDefinitionCatalog, DefinitionCatalog>();
        services.AddSingleton<DefinitionCatalogService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DefinitionCatalogService>());
        return services;
    }
}
