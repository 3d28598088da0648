using Microsoft.Extensions.Configuration;
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
    private static readonly TimeSpan MaxFlushInterval = TimeSpan.FromMilliseconds(100);

    public static IServiceCollection AddIngestion(this IServiceCollection services, EventLogOptions? options = null)
    {
        services.AddSingleton(sp => options ?? FromConfiguration(sp.GetService<IConfiguration>()));
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

    // Only the batching wait is an operator's knob: the partition count is fixed per database (see EventLogOptions).
    private static EventLogOptions FromConfiguration(IConfiguration? configuration)
    {
        var defaults = new EventLogOptions();
        var setting = configuration?["Witn:Log:FlushInterval"];
        if (string.IsNullOrWhiteSpace(setting))
        {
            return defaults;
        }

        if (!TimeSpan.TryParse(setting, System.Globalization.CultureInfo.InvariantCulture, out var interval) || interval < TimeSpan.Zero || interval > MaxFlushInterval)
        {
            throw new InvalidOperationException(
                $"Witn:Log:FlushInterval must be a time span from 00:00:00 to {MaxFlushInterval:c} (found '{setting}'); " +
                "it is how long an idle log lane waits for more callers after a bulk flush. Use e.g. 00:00:00.002, 00:00:00 for no wait, or remove it for the default (1 ms).");
        }

        return defaults with { FlushInterval = interval };
    }
}
