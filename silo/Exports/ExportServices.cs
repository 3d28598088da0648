using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;
using Witn.Silo.Webhooks;
using Witn.Storage.Exports;

namespace Witn.Silo.Exports;

/// <summary>Registers exporters to Stripe and Lago, the export dispatcher and reconciliation (docs/payments.md).</summary>
public static class ExportServices
{
    public static IServiceCollection AddExports(this IServiceCollection services, PaymentProviders providers)
    {
        services.AddCheckedOptions<ExportOptions, ExportOptionsValidator>(ExportOptions.Section);
        services.TryAddSingleton(providers);
        services.TryAddSingleton(new RetryJitter(Random.Shared));
        services.TryAddSingleton<ExportStore>();
        services.TryAddSingleton<ReconciliationStore>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ExportOptions>>().Value);
        services.TryAddSingleton<ExportRateGate>();
        services.AddHttpClient<StripeExporter>(ConfigureClient).ConfigurePrimaryHttpMessageHandler(NoRedirects);
        services.AddHttpClient<LagoExporter>(ConfigureClient).ConfigurePrimaryHttpMessageHandler(NoRedirects);
        services.AddHostedService<ExportDispatcher>();
        services.AddHostedService<ReconciliationService>();
        return services;
    }

    // Redirects are not followed (a key goes to the configured address or nowhere); the client's timeout is one request's.
    private static HttpMessageHandler NoRedirects() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    private static void ConfigureClient(IServiceProvider sp, HttpClient client) =>
        client.Timeout = sp.GetRequiredService<IOptions<ExportOptions>>().Value.RequestTimeout;
}
