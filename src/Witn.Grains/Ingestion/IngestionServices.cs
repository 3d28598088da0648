using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;
using Witn.Abstractions.Ingestion;
using Witn.Storage.Log;
using Witn.Storage.Notifications;
using Witn.Grains.Telemetry;
using Witn.Storage.Tenants;

namespace Witn.Grains.Ingestion;

/// <summary>Registers tenants, the durable log's writer and reader, and the ingest pipeline.</summary>
public static class IngestionServices
{
    /// <summary>
    /// The log's options come from <c>Witn:Log</c> (only the batching wait is an operator's knob in practice: the
    /// partition count is fixed per database), or, given in code (tests, benchmarks), exactly as given.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, EventLogOptions? options = null)
    {
        if (options is null)
        {
            services.AddCheckedOptions<EventLogOptions, EventLogOptionsValidator>(EventLogOptions.Section);
        }
        else
        {
            services.AddSingleton(Options.Create(options));
        }

        services.AddEngineMetrics();
        services.AddSingleton<IngestMetrics>();
        services.TryAddSingleton<Log.DeliveryLag>();
        services.TryAddSingleton<EventLogMetrics>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<IHostedService, TenantDirectoryService>();
        services.TryAddSingleton<ChangeListener>();
        services.AddSingleton(sp => new EventLogWriter(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            sp.GetRequiredService<IOptions<EventLogOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<EventLogWriter>(),
            sp.GetService<EventLogMetrics>()));
        services.AddSingleton<EventLogReader>();
        services.AddSingleton<IIngestor, IngestService>();
        services.AddSingleton<IHostedService, EventLogLifetime>();
        return services;
    }
}
