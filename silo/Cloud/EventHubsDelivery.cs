using Orleans.Providers;
using Orleans.Streams;
using Witn.Grains.Relay;
using Witn.Silo.Options;

namespace Witn.Silo.Cloud;

/// <summary>
/// Cloud mode (<c>--log eventhubs</c>): PostgreSQL stays the log (acks, dedupe, audit, replay); a relay publishes
/// it to Event Hubs, whose Orleans stream provider delivers each tenant's stream to the same tenant grains.
/// </summary>
public static class EventHubsDelivery
{
    public static ISiloBuilder AddEventHubsDelivery(this ISiloBuilder silo, EventHubsSettings hub)
    {
        silo.AddEventLogRelay();
        silo.AddEventHubStreams(EventHubsRelay.TargetProviderName, (ISiloEventHubStreamConfigurator stream) =>
        {
            stream.ConfigureEventHub(o => o.Configure(e => e.ConfigureEventHubConnection(hub.ConnectionString, hub.Name, hub.ConsumerGroup)));
            // Event Hubs offsets are checkpointed through the default grain storage, i.e. in PostgreSQL: cloud mode
            // needs no Azure storage account.
            stream.UseGrainCheckpointer(o => o.Configure(c => c.StorageProviderName = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
            // Without a checkpoint (first start) read the hub from the beginning, not from now: the relay may have
            // published before this silo's receivers started.
            stream.ConfigurePartitionReceiver(o => o.Configure(r => r.StartFromNow = false));
            stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            stream.UseConsistentRingQueueBalancer();
        });
        return silo;
    }
}
