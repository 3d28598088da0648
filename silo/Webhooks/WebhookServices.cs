using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Witn.Storage.Webhooks;

namespace Witn.Silo.Webhooks;

/// <summary>Registers the webhook store (the registry grain's and the dispatcher's) and the dispatcher.</summary>
public static class WebhookServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.TryAddSingleton<WebhookStore>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
