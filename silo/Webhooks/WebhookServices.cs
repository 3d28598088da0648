using Microsoft.Extensions.DependencyInjection.Extensions;
using Witn.Abstractions.Settings;
using Witn.Storage.Webhooks;

namespace Witn.Silo.Webhooks;

/// <summary>Registers the webhook store (the registry grain's and the dispatcher's) and the dispatcher.</summary>
public static class WebhookServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddCheckedOptions<WebhookOptions, WebhookOptionsValidator>(WebhookOptions.Section);
        services.TryAddSingleton(new RetryJitter(Random.Shared));
        services.TryAddSingleton<WebhookStore>();
        services.TryAddSingleton<WebhookMetrics>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
