using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Witn.Storage.Log;

namespace Witn.Grains.Log;

/// <summary>Adds the persistent stream provider that delivers the PostgreSQL log to tenant grains.</summary>
public static class LogStreamsSiloBuilderExtensions
{
    public static ISiloBuilder AddEventLogStreams(this ISiloBuilder silo) =>
        silo.AddEventLogStreams(LogStreams.ProviderName, LogDelivery.Tenants);

    /// <summary>
    /// A provider over the log delivering to <paramref name="delivery"/>'s namespace with its own checkpoints
    /// (the Event Hubs relay reads the log this way, under another name, beside nothing else).
    /// </summary>
    public static ISiloBuilder AddEventLogStreams(this ISiloBuilder silo, string providerName, LogDelivery delivery, Action<ISiloPersistentStreamConfigurator>? configure = null) =>
        silo.AddPersistentStreams(
            providerName,
            (sp, name) => new LogQueueAdapterFactory(name, sp.GetRequiredService<EventLogReader>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EventLogOptions>>().Value, sp.GetRequiredService<ILoggerFactory>(), delivery, sp.GetService<DeliveryLag>()),
            stream =>
            {
                // Subscribers are implicit; no explicit pub-sub state is needed.
                stream.Configure<StreamPubSubOptions>(o => o.Configure(p => p.PubSubType = Orleans.Streams.StreamPubSubType.ImplicitOnly));
                // Partitions (queues) follow the silos' shares of the consistent ring, and move when a silo dies.
                stream.UseConsistentRingQueueBalancer();
                stream.ConfigurePullingAgent(o => o.Configure(p =>
                {
                    p.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(50);
                    // Several pulled runs of one tenant reach its grain in one call, so routing fans out wider.
                    p.BatchContainerBatchSize = 16;
                    // A delivery that fails (PostgreSQL restarting under the outcome writes) is retried for a day,
                    // not the default minute: giving up would leave an acked event unrouted.
                    p.MaxEventDeliveryTime = TimeSpan.FromDays(1);
                }));
                configure?.Invoke(stream);
            });
}
