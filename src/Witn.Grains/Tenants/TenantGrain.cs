using Orleans.Streams;
using Orleans.Streams.Core;
using Witn.Abstractions.Outcomes;
using Witn.Abstractions.Tenants;
using Witn.Domain.Events;
using Witn.Domain.Tenants;
using Witn.Grains.Ingestion;
using Witn.Grains.Log;
using Witn.Grains.Outcomes;
using Witn.Storage.Tenants;

namespace Witn.Grains.Tenants;

/// <summary>
/// One tenant. Settings: load, let the domain rules decide, persist. Routing: the log delivers the tenant's
/// events in position order (implicit subscription to its stream, from the PostgreSQL log or from Event Hubs: the
/// same code either way); each goes to its outcome grains. Log positions (carried in the item) at or below the last
/// routed one are redeliveries after a failover and are skipped; outcome grains also ignore an event id they
/// already hold, which covers a redelivery after this grain itself was lost.
/// </summary>
[ImplicitStreamSubscription(LogStreams.TenantNamespace)]
public sealed class TenantGrain(TenantStore store, TimeProvider time, IDefinitionCatalog catalog, TenantDirectory directory)
    : Grain, ITenantGrain, IStreamSubscriptionObserver, IAsyncObserver<LogEvent>
{
    private Tenant? _tenant;
    private long _routedThrough;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _tenant = await store.GetAsync(this.GetPrimaryKeyString(), cancellationToken);

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

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<LogEvent>().ResumeAsync(this);

    public async Task OnNextAsync(LogEvent item, StreamSequenceToken? token = null)
    {
        var position = item.Position;
        if (position != 0 && position <= _routedThrough)
        {
            return;
        }

        foreach (var key in TenantRouter.Targets(catalog.Current, item.Event))
        {
            await GrainFactory.GetGrain<IOutcomeGrain>(key).ApplyAsync(item.Event);
        }

        _routedThrough = Math.Max(_routedThrough, position);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
