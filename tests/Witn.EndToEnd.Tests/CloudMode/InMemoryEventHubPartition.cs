using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Azure.Messaging.EventHubs;
using Orleans.Streaming.EventHubs.Testing;

namespace Witn.EndToEnd.Tests.CloudMode;

/// <summary>
/// The data generator behind one partition's receiver: instead of inventing events, it hands out what was
/// published to that partition of the <see cref="InMemoryEventHub"/>, from the receiver's checkpointed offset on.
/// </summary>
public sealed class InMemoryEventHubPartition(InMemoryEventHub hub, string partition, string offset) : IDataGenerator<EventData>
{
    // Our offsets are sequence numbers; Orleans passes "-1" (start of stream) when there is no checkpoint.
    private long _after = long.TryParse(offset, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var o) ? o : -1;

    public bool TryReadEvents(int maxCount, [NotNullWhen(true)] out IEnumerable<EventData>? events)
    {
        var read = hub.Read(partition, _after, Math.Max(1, maxCount));
        if (read.Count == 0)
        {
            events = null;
            return false;
        }

        _after = read[^1].SequenceNumber;
        events = read;
        return true;
    }
}
