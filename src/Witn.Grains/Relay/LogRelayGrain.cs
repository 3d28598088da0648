using Orleans.Streams;
using Orleans.Streams.Core;
using Witn.Abstractions.Relay;
using Witn.Grains.Log;

namespace Witn.Grains.Relay;

/// <summary>
/// Publishes one tenant's log rows, in position order, to the tenant's Event Hubs stream. The log provider hands
/// over the next rows only after this call returns, and moves the relay's checkpoint only past rows handed over,
/// so a row is checkpointed only after Event Hubs accepted it (at least once: a failover republishes, and tenant
/// grains skip positions they already routed).
/// </summary>
[ImplicitStreamSubscription(EventHubsRelay.SourceNamespace)]
public sealed class LogRelayGrain : Grain, ILogRelayGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<LogEvent>
{
    private IAsyncStream<LogEvent>? _target;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<LogEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<LogEvent>> items)
    {
        _target ??= this.GetStreamProvider(EventHubsRelay.TargetProviderName).GetStream<LogEvent>(LogStreams.ForTenant(this.GetPrimaryKeyString()));
        foreach (var batch in EventHubsRelay.Batches(items.Select(i => i.Item)))
        {
            // Sequential on purpose: Event Hubs keeps a partition key's order only for sends that do not overlap.
            await _target.OnNextBatchAsync(batch);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
