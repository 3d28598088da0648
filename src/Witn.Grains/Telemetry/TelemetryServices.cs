using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Witn.Abstractions.Settings;

namespace Witn.Grains.Telemetry;

/// <summary>
/// Registers what every instrument of the engine shares: the telemetry options and the bounded tenant attribute.
/// Each area registers its own instruments (they record nothing until a listener, such as the silo's
/// OpenTelemetry meter provider, subscribes to their meter).
/// </summary>
public static class TelemetryServices
{
    public static IServiceCollection AddEngineMetrics(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(TenantTags)))
        {
            return services;
        }

        services.AddMetrics();
        services.AddCheckedOptions<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.Section);
        services.TryAddSingleton<TenantTags>();
        return services;
    }
}
