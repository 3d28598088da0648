using Orleans.Streams;

namespace Witn.Grains.Log;

/// <summary>
/// Maps a tenant's stream to the log partition its events are written to, so a partition's receiver delivers
/// exactly the streams whose rows it reads (Orleans' hash ring would pick a different queue). Queues sit evenly
/// spaced on the consistent ring, so Orleans' ring balancer spreads partitions over the silos.
/// </summary>
public sealed class LogQueueMapper(string providerName, int partitionCount) : IConsistentRingStreamQueueMapper
{
    private readonly QueueId[] _queues = [.. Enumerable.Range(0, partitionCount).Select(p => LogStreams.Queue(providerName, p, partitionCount))];

    public IEnumerable<QueueId> GetAllQueues() => _queues;

    public QueueId GetQueueForStream(StreamId streamId) => _queues[LogStreams.PartitionOf(streamId, _queues.Length)];

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => _queues.Where(q => range.InRange(q.GetUniformHashCode()));
}
