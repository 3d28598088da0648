using Orleans.Configuration;
using Orleans.Hosting;
using Witn.Grains.Log;

namespace Witn.Grains.Relay;

/// <summary>Adds cloud mode's relay: a second provider over the log whose subscribers are relay grains.</summary>
public static class LogRelaySiloBuilderExtensions
{
    /// <summary>
    /// Reads the log under its own name and checkpoints; its partitions are balanced over the silos like the
    /// PostgreSQL-mode provider's, so each partition is relayed by one silo at a time. The stream provider named
    /// <see cref="EventHubsRelay.TargetProviderName"/> must be added separately (Event Hubs, or a test double).
    /// </summary>
    public static ISiloBuilder AddEventLogRelay(this ISiloBuilder silo) =>
        silo.AddEventLogStreams(EventHubsRelay.SourceProviderName, EventHubsRelay.Delivery, stream =>
            // Event Hubs being down must stall the relay, not skip rows: Orleans gives up on an event after this
            // time (1 minute by default) and the checkpoint would move past a row that was never published.
            stream.ConfigurePullingAgent(o => o.Configure(p => p.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan)));
}
