using Orleans.Streams;
using Witn.Storage.Log;

namespace Witn.Grains.Log;

/// <summary>
/// Read-only adapter over the log: events enter it through ingestion's group commit (which acks only durable
/// rows), never through stream producers.
/// </summary>
public sealed class LogQueueAdapter(string name, LogQueueMapper mapper, EventLogReader reader, LogDelivery delivery, DeliveryLag? lag = null) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new LogQueueAdapterReceiver(queueId, (int)queueId.GetNumericId(), reader, delivery, lag);

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException("events enter the log through ingestion (POST /v1/events), not through stream producers");

    public QueueId QueueFor(StreamId stream) => mapper.GetQueueForStream(stream);
}
