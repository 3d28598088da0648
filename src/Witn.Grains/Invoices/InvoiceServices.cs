using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Witn.Abstractions.Settings;
using Witn.Grains.Telemetry;
using Witn.Storage.Invoices;

namespace Witn.Grains.Invoices;

/// <summary>Registers invoice storage, the invoicer and the automatic finalizer.</summary>
public static class InvoiceServices
{
    public static IServiceCollection AddInvoices(this IServiceCollection services)
    {
        services.AddCheckedOptions<InvoiceOptions, InvoiceOptionsValidator>(InvoiceOptions.Section);
        services.AddEngineMetrics();
        services.TryAddSingleton<InvoiceMetrics>();
        services.AddSingleton<InvoiceStore>();
        services.AddSingleton<Invoicer>();
        services.AddSingleton<IHostedService, InvoiceFinalizerService>();
        return services;
    }
}
