using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Witn.Storage.Replay;
using Witn.Storage.Simulations;

namespace Witn.Grains.Replay;

/// <summary>Registers the replay engine: its reads, the simulations' storage, the runner, the rating and the expiry sweep.</summary>
public static class ReplayServices
{
    public static IServiceCollection AddReplay(this IServiceCollection services)
    {
        services.TryAddSingleton<ReplayStore>();
        services.AddSingleton<SimulationStore>();
        services.AddSingleton<ReplayRunner>();
        services.AddSingleton<SimulationRating>();
        services.AddSingleton<IHostedService, SimulationExpiryService>();
        return services;
    }
}
