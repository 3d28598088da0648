using Orleans.Streams;
using Witn.Domain.Events;
using Witn.Storage.Log;

namespace Witn.Grains.Log;

/// <summary>
/// Reads one partition of the log in position order from the last checkpoint, and moves the checkpoint when
/// Orleans reports rows delivered (purged from the cache after every consumer received them): at-least-once.
/// </summary>
public sealed class LogQueueAdapterReceiver(QueueId queue, int partition, EventLogReader reader, LogDelivery delivery, DeliveryLag? lag = null) : IQueueAdapterReceiver
{
    private long _readThrough;
    private long _checkpoint;

    public async Task Initialize(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        _checkpoint = await reader.GetCheckpointAsync(delivery.CheckpointConsumer, partition, cts.Token);
        _readThrough = _checkpoint;
    }

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var rows = await reader.ReadAsync(partition, _readThrough, maxCount <= 0 ? 1000 : Math.Min(maxCount, 1000), cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        _readThrough = rows[^1].Position;
        if (lag is not null)
        {
            var oldest = rows[0].ReceivedAt;
            foreach (var row in rows)
            {
                oldest = row.ReceivedAt < oldest ? row.ReceivedAt : oldest;
            }

            lag.Read(partition, _readThrough, oldest);
        }

        var batches = new List<IBatchContainer>();
        var start = 0;
        for (var i = 1; i <= rows.Count; i++)
        {
            if (i == rows.Count || !string.Equals(rows[i].TenantId, rows[start].TenantId, StringComparison.Ordinal))
            {
                var run = rows.Skip(start).Take(i - start).ToList();
                batches.Add(new LogBatchContainer(StreamId.Create(delivery.StreamNamespace, rows[start].TenantId), [.. run.Select(ToEvent)], [.. run.Select(r => r.Position)]));
                start = i;
            }
        }

        return batches;
    }

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        var delivered = messages.OfType<LogBatchContainer>().Select(m => m.LastPosition).DefaultIfEmpty(0).Max();
        lag?.Delivered(partition, delivered);
        if (delivered > _checkpoint)
        {
            await reader.SaveCheckpointAsync(delivery.CheckpointConsumer, partition, delivered, cancellationToken);
            _checkpoint = delivered;
        }
    }

    public Task Shutdown(TimeSpan timeout)
    {
        lag?.Released(partition);
        return Task.CompletedTask;
    }

    public override string ToString() => $"log receiver {queue}";

    private static OutcomeEvent ToEvent(LoggedEvent row) => row.ToOutcomeEvent();
}
