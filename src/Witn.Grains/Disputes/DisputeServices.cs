using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Witn.Abstractions.Settings;
using Witn.Storage.Disputes;

namespace Witn.Grains.Disputes;

/// <summary>Registers dispute storage, the overdue sweep and its periodic service for live tenants.</summary>
public static class DisputeServices
{
    public static IServiceCollection AddDisputes(this IServiceCollection services)
    {
        services.AddCheckedOptions<DisputeOptions, DisputeOptionsValidator>(DisputeOptions.Section);
        services.AddSingleton<DisputeStore>();
        services.AddSingleton<DisputeSweep>();
        services.AddSingleton<IHostedService, DisputeSweepService>();
        return services;
    }
}
