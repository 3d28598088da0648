using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Witn.Abstractions.Ingestion;
using Witn.Storage.Log;
using Witn.Storage.Notifications;
using Witn.Storage.Tenants;

namespace Witn.Grains.Ingestion;

/// <summary>Registers tenants, the durable log's writer and reader, and the ingest pipeline.</summary>
public static class IngestionServices
{
    public static IServiceCollection AddIngestion(this IServiceCollection services, EventLogOptions? options = null)
    {
        services.AddSingleton(options ?? new EventLogOptions());
        services.AddSingleton<TenantStore>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<IHostedService, TenantDirectoryService>();
        services.TryAddSingleton<ChangeListener>();
        services.AddSingleton(sp => new EventLogWriter(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            sp.GetRequiredService<EventLogOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<EventLogWriter>()));
        services.AddSingleton<EventLogReader>();
        services.AddSingleton<IIngestor, IngestService>();
        services.AddSingleton<IHostedService, EventLogLifetime>();
        return services;
    }
}
