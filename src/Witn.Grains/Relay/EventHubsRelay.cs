using System.Text;
using Witn.Grains.Log;

namespace Witn.Grains.Relay;

/// <summary>Names and limits of cloud mode's relay from the PostgreSQL log to the Event Hubs stream provider.</summary>
public static class EventHubsRelay
{
    /// <summary>The provider over the log that feeds the relay (never the tenant grains).</summary>
    public const string SourceProviderName = "witn-log-relay";

    /// <summary>The relay's own namespace, so tenant grains are not implicitly subscribed to the log in cloud mode.</summary>
    public const string SourceNamespace = "witn.log-relay";

    /// <summary>The relay's checkpoint owner in <c>log_checkpoints</c>: the last position published to Event Hubs.</summary>
    public const string CheckpointConsumer = "eventhubs-relay";

    /// <summary>The Event Hubs stream provider that delivers <c>witn.tenant-events/&lt;tenant&gt;</c> to tenant grains.</summary>
    public const string TargetProviderName = "witn-eventhubs";

    /// <summary>
    /// Upper bound of one published batch's event payload, below the Basic tier's 256 KB event limit (Standard
    /// allows 1 MB); an event's properties are at most 64 KiB, so a single event always fits.
    /// </summary>
    public const int MaxBatchBytes = 192 * 1024;

    public static LogDelivery Delivery { get; } = new(SourceNamespace, CheckpointConsumer);

    /// <summary>Splits a run of a tenant's events, in order, into batches that each fit one Event Hubs event.</summary>
    public static IEnumerable<List<LogEvent>> Batches(IEnumerable<LogEvent> events, int maxBytes = MaxBatchBytes)
    {
        var batch = new List<LogEvent>();
        var bytes = 0;
        foreach (var e in events)
        {
            var size = EstimatedBytes(e);
            if (batch.Count > 0 && bytes + size > maxBytes)
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(e);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    // Strings dominate the serialized size; 128 bytes cover the id, timestamp, position and field headers.
    private static int EstimatedBytes(LogEvent e) =>
        128
        + Encoding.UTF8.GetByteCount(e.Event.PropertiesJson)
        + Encoding.UTF8.GetByteCount(e.Event.TenantId)
        + Encoding.UTF8.GetByteCount(e.Event.Type)
        + Encoding.UTF8.GetByteCount(e.Event.IdempotencyKey)
        + Encoding.UTF8.GetByteCount(e.Event.Agent?.Id ?? "")
        + Encoding.UTF8.GetByteCount(e.Event.Agent?.Version ?? "")
        + (e.Event.TraceId?.Length ?? 0)
        + (e.Event.SpanId?.Length ?? 0);
}
