using Microsoft.Extensions.DependencyInjection;
using Witn.Storage.Quality;

namespace Witn.Grains.Quality;

/// <summary>Registers what the quality grain reads with.</summary>
public static class QualityServices
{
    public static IServiceCollection AddQuality(this IServiceCollection services)
    {
        services.AddSingleton<QualityStore>();
        return services;
    }
}
