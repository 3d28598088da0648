using Orleans.Streams;
using Witn.Grains.Log;

namespace Witn.Grains.Tests.Relay;

/// <summary>A write-only stream adapter whose sends go to a <see cref="RecordingHub"/>.</summary>
public sealed class RecordingQueueAdapter(string name, RecordingHub hub, IStreamQueueMapper mapper) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.WriteOnly;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => throw new NotSupportedException("the recording hub is write-only");

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        hub.PublishAsync(streamId.GetKeyAsString(), [.. events.Cast<LogEvent>()]);

    public QueueId QueueFor(StreamId stream) => mapper.GetQueueForStream(stream);
}
