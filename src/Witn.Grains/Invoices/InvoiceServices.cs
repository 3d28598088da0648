using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Witn.Storage.Invoices;

namespace Witn.Grains.Invoices;

/// <summary>Registers invoice storage, the invoicer and the automatic finalizer.</summary>
public static class InvoiceServices
{
    public static IServiceCollection AddInvoices(this IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var options = new InvoiceOptions();
            sp.GetService<IConfiguration>()?.GetSection("Witn:Invoices").Bind(options);
            if (options.FinalizePollInterval <= TimeSpan.Zero)
            {
                throw new InvalidOperationException(
                    $"Witn:Invoices:FinalizePollInterval must be positive (found {options.FinalizePollInterval}); set it to e.g. 00:00:30 or remove it for the default");
            }

            return options;
        });
        services.AddSingleton<InvoiceStore>();
        services.AddSingleton<Invoicer>();
        services.AddSingleton<IHostedService, InvoiceFinalizerService>();
        return services;
    }
}
