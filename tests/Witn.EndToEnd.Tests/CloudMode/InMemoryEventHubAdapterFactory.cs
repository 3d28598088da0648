using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Statistics;
using Orleans.Streaming.EventHubs;
using Orleans.Streaming.EventHubs.Testing;
using Orleans.Streams;

namespace Witn.EndToEnd.Tests.CloudMode;

/// <summary>
/// Orleans' event-data generator adapter (the Event Hubs adapter with the Azure client cut out), fed by an
/// <see cref="InMemoryEventHub"/>: sends become the <c>EventData</c> Orleans' Event Hubs data adapter produces, and
/// each partition's receiver reads them back through the real Event Hubs receiver, cache and pulling agents.
/// </summary>
public sealed class InMemoryEventHubAdapterFactory(
    string name,
    EventDataGeneratorStreamOptions options,
    EventHubOptions ehOptions,
    EventHubReceiverOptions receiverOptions,
    EventHubStreamCachePressureOptions cacheOptions,
    StreamCacheEvictionOptions evictionOptions,
    StreamStatisticOptions statisticOptions,
    IEventHubDataAdapter dataAdapter,
    IServiceProvider serviceProvider,
    ILoggerFactory loggerFactory,
    IEnvironmentStatisticsProvider environmentStatisticsProvider,
    InMemoryEventHub hub)
    : EventDataGeneratorAdapterFactory(name, options, ehOptions, receiverOptions, cacheOptions, evictionOptions, statisticOptions, dataAdapter, serviceProvider, loggerFactory, environmentStatisticsProvider)
{
    public static new InMemoryEventHubAdapterFactory Create(IServiceProvider services, string name)
    {
        var factory = ActivatorUtilities.CreateInstance<InMemoryEventHubAdapterFactory>(
            services,
            name,
            new EventDataGeneratorStreamOptions { EventHubPartitionCount = 4 },
            services.GetOptionsByName<EventHubOptions>(name),
            services.GetOptionsByName<EventHubReceiverOptions>(name),
            services.GetOptionsByName<EventHubStreamCachePressureOptions>(name),
            services.GetOptionsByName<StreamCacheEvictionOptions>(name),
            services.GetOptionsByName<StreamStatisticOptions>(name),
            ActivatorUtilities.CreateInstance<EventHubDataAdapter>(services));
        factory.Init();
        return factory;
    }

    public override void Init()
    {
        base.Init();
        // The generator's receiver (Orleans' EventHubPartitionGeneratorReceiver) stays; only its data source changes.
        EventHubReceiverFactory = (settings, offset, _) => new EventHubPartitionGeneratorReceiver(new InMemoryEventHubPartition(hub, settings.Partition, offset));
    }

    public override Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        // What the real adapter hands to EventHubProducerClient.SendAsync: one EventData for the batch, keyed by stream.
        var eventData = dataAdapter.ToQueueMessage(streamId, events, token, requestContext);
        var mapper = (HashRingBasedPartitionedStreamQueueMapper)GetStreamQueueMapper();
        hub.Append(mapper.QueueToPartition(mapper.GetQueueForStream(streamId)), dataAdapter.GetPartitionKey(streamId), eventData);
        return Task.CompletedTask;
    }
}
