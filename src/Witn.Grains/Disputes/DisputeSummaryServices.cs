using Microsoft.Extensions.DependencyInjection;
using Witn.Storage.Disputes;

namespace Witn.Grains.Disputes;

/// <summary>Registers what the dispute summary grain reads with.</summary>
public static class DisputeSummaryServices
{
    public static IServiceCollection AddDisputeSummary(this IServiceCollection services)
    {
        services.AddSingleton<DisputeSummaryStore>();
        return services;
    }
}
