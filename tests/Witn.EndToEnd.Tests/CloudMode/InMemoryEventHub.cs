using System.Globalization;
using Azure.Messaging.EventHubs;

namespace Witn.EndToEnd.Tests.CloudMode;

/// <summary>
/// An event hub in memory: partitions of <see cref="EventData"/> in arrival order, stamped with the broker-owned
/// properties (sequence number, offset, enqueued time) the Event Hubs receiver path reads. It keeps exactly the
/// bodies and properties Orleans' Event Hubs adapter would send, so what is read back is what Azure would deliver.
/// </summary>
public sealed class InMemoryEventHub(TimeProvider time)
{
    private readonly Dictionary<string, List<EventData>> _partitions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Append(string partition, string partitionKey, EventData sent)
    {
        lock (_lock)
        {
            if (!_partitions.TryGetValue(partition, out var events))
            {
                _partitions[partition] = events = [];
            }

            long sequence = events.Count;
            events.Add(EventHubsModelFactory.EventData(
                sent.EventBody,
                new Dictionary<string, object>(sent.Properties),
                new Dictionary<string, object>(),
                partitionKey,
                sequence,
                sequence.ToString(CultureInfo.InvariantCulture),
                time.GetUtcNow()));
        }
    }

    /// <summary>Up to <paramref name="maxCount"/> events of the partition after the given sequence number (-1: from the start).</summary>
    public IReadOnlyList<EventData> Read(string partition, long afterSequenceNumber, int maxCount)
    {
        lock (_lock)
        {
            return _partitions.TryGetValue(partition, out var events)
                ? [.. events.Skip((int)Math.Max(0, afterSequenceNumber + 1)).Take(maxCount)]
                : [];
        }
    }

    /// <summary>Everything sent, over all partitions.</summary>
    public IReadOnlyList<EventData> All()
    {
        lock (_lock)
        {
            return [.. _partitions.Values.SelectMany(p => p)];
        }
    }
}
