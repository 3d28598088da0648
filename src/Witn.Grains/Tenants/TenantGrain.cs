using System.Diagnostics;
using Orleans.Streams;
using Orleans.Streams.Core;
using Witn.Abstractions.Outcomes;
using Witn.Abstractions.Tenants;
using Witn.Domain.Events;
using Witn.Domain.Tenants;
using Witn.Grains.Ingestion;
using Witn.Grains.Log;
using Witn.Grains.Outcomes;
using Witn.Storage.Log;
using Witn.Storage.Telemetry;
using Witn.Storage.Tenants;

namespace Witn.Grains.Tenants;

/// <summary>
/// One tenant. Settings: load, let the domain rules decide, persist. Routing: the log delivers the tenant's
/// events in position order (implicit subscription to its stream, from the PostgreSQL log or from Event Hubs: the
/// same code either way), a delivered run at a time; each run is split by outcome and every outcome gets its part
/// in one call, all outcomes at once, so a run costs one durable group-committed write round rather than one per
/// event. Log positions at or below the last routed one are redeliveries after a failover and are skipped; outcome
/// grains also ignore an event id they already hold, which covers a redelivery after this grain itself was lost.
/// </summary>
[ImplicitStreamSubscription(LogStreams.TenantNamespace)]
public sealed class TenantGrain(
    TenantStore store, TimeProvider time, IDefinitionCatalog catalog, TenantDirectory directory, EventLogReader log, Microsoft.Extensions.Options.IOptions<EventLogOptions> logOptions)
    : Grain, ITenantGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<LogEvent>
{
    private Tenant? _tenant;
    private long _routedThrough;
    private long _savedThrough;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _tenant = await store.GetAsync(id, cancellationToken);
        // Everything up to the recorded progress, or up to the delivery checkpoint, has reached its outcomes.
        var checkpoint = await log.GetCheckpointAsync(LogStreams.CheckpointConsumer, LogPartitions.Of(id, logOptions.Value.PartitionCount), cancellationToken);
        _routedThrough = _savedThrough = Math.Max(await store.GetRoutedThroughAsync(id, cancellationToken), checkpoint);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_routedThrough > _savedThrough && _tenant is not null)
        {
            await store.SaveRoutedThroughAsync(_tenant.Id, _routedThrough, cancellationToken);
        }
    }

    public async Task<TenantPutReply> PutAsync(TenantSpec spec)
    {
        var (tenant, errors) = TenantRules.Apply(this.GetPrimaryKeyString(), spec, _tenant, time.GetUtcNow());
        if (tenant is null)
        {
            return new TenantPutReply(null, false, [.. errors.Select(e => new TenantProblem(e.Path, e.Message, e.Hint))]);
        }

        var created = await store.SaveAsync(tenant);
        // Read back what PostgreSQL keeps (microsecond timestamps), so every reader sees the same values.
        _tenant = await store.GetAsync(tenant.Id);
        directory.Invalidate(tenant.Id);
        return new TenantPutReply(_tenant, created, []);
    }

    public Task<Tenant?> GetAsync() => Task.FromResult(_tenant);

    public Task<long> GetRoutedThroughAsync() => Task.FromResult(_routedThrough);

    public async Task<Tenant?> SetClockAsync(DateTimeOffset to)
    {
        if (_tenant is not { Sandbox: true })
        {
            return null;
        }

        var moved = await store.AdvanceClockAsync(_tenant.Id, to, time.GetUtcNow());
        if (moved is not null)
        {
            _tenant = moved;
            directory.Invalidate(moved.Id);
        }

        return moved;
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<LogEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<LogEvent>> items)
    {
        // Delivery of a run of the log to this tenant, linked to the spans that produced its events; routing and
        // the outcomes' applies are its children (Orleans propagates the activity through the grain calls).
        using var deliver = WitnTelemetry.LogSource.HasListeners()
            ? WitnTelemetry.LogSource.StartActivity(ActivityKind.Consumer, default(ActivityContext), links: EventLinks.For(items.Select(i => i.Item.Event)), name: "witn.log.deliver")
            : null;
        deliver?.SetTag("witn.tenant", this.GetPrimaryKeyString());
        deliver?.SetTag("witn.events", items.Count);
        var route = WitnTelemetry.OutcomesSource.StartActivity("witn.outcomes.route");
        var byOutcome = new Dictionary<string, List<OutcomeEvent>>(StringComparer.Ordinal);
        var last = _routedThrough;
        foreach (var item in items)
        {
            var position = item.Item.Position;
            if (position != 0 && position <= _routedThrough)
            {
                continue;
            }

            foreach (var key in TenantRouter.Targets(catalog.Current, item.Item.Event))
            {
                if (!byOutcome.TryGetValue(key, out var list))
                {
                    byOutcome[key] = list = [];
                }

                list.Add(item.Item.Event);
            }

            last = Math.Max(last, position);
        }

        route?.SetTag("witn.outcomes", byOutcome.Count);
        route?.Dispose();
        await Task.WhenAll(byOutcome.Select(kv => GrainFactory.GetGrain<IOutcomeGrain>(kv.Key).ApplyAsync([.. kv.Value])));
        _routedThrough = last;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
