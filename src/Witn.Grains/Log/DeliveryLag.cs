using System.Diagnostics.Metrics;
using Witn.Storage.Telemetry;

namespace Witn.Grains.Log;

/// <summary>
/// Delivery lag (meter <c>Witn.Log</c>, gauge <c>witn.log.delivery.lag</c>): now − when the log took the oldest event
/// this silo has read and not yet seen delivered, over all its partitions. Receivers report what they read and what
/// was delivered; the gauge is computed only when a reader collects it. Unread rows are at most one poll behind the
/// read ones, so the oldest read-and-undelivered row stands for the oldest undelivered one.
/// </summary>
public sealed class DeliveryLag
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Queue<(long LastPosition, DateTimeOffset OldestReceivedAt)>> _pending = [];
    private readonly TimeProvider _time;

    public DeliveryLag(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        meters.Create(WitnTelemetry.Log).CreateObservableGauge("witn.log.delivery.lag", () => Seconds(), "s",
            "Now minus the arrival time of the oldest event this silo read from the log and has not yet delivered (0 when all is delivered).");
    }

    /// <summary>A partition's receiver read rows through <paramref name="lastPosition"/>, the oldest taken at <paramref name="oldestReceivedAt"/>.</summary>
    public void Read(int partition, long lastPosition, DateTimeOffset oldestReceivedAt)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(partition, out var queue))
            {
                _pending[partition] = queue = new Queue<(long, DateTimeOffset)>();
            }

            queue.Enqueue((lastPosition, oldestReceivedAt));
        }
    }

    /// <summary>Everything of <paramref name="partition"/> up to <paramref name="position"/> was delivered.</summary>
    public void Delivered(int partition, long position)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(partition, out var queue))
            {
                while (queue.TryPeek(out var head) && head.LastPosition <= position)
                {
                    queue.Dequeue();
                }
            }
        }
    }

    /// <summary>A partition's receiver stopped (its queue moved to another silo): its rows are no longer this silo's.</summary>
    public void Released(int partition)
    {
        lock (_gate)
        {
            _pending.Remove(partition);
        }
    }

    /// <summary>The lag in seconds now (0 when nothing read is undelivered).</summary>
    public double Seconds()
    {
        DateTimeOffset? oldest = null;
        lock (_gate)
        {
            foreach (var queue in _pending.Values)
            {
                if (queue.TryPeek(out var head) && (oldest is null || head.OldestReceivedAt < oldest))
                {
                    oldest = head.OldestReceivedAt;
                }
            }
        }

        return oldest is { } at ? Math.Max(0, (_time.GetUtcNow() - at).TotalSeconds) : 0;
    }
}
