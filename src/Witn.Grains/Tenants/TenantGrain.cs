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
/// events in position order (implicit subscription to its stream); each goes to its outcome grains. Positions at
/// or below the last routed one are redeliveries after a failover and are skipped; outcome grains also ignore an
/// event id they already hold, which covers a redelivery after this grain itself was lost.
/// </summary>
[ImplicitStreamSubscription(LogStreams.TenantNamespace)]
public sealed class TenantGrain(TenantStore store, TimeProvider time, IDefinitionCatalog catalog, TenantDirectory directory)
    : Grain, ITenantGrain, IStreamSubscriptionObserver, IAsyncObserver<OutcomeEvent>
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
        await handleFactory.Create<OutcomeEvent>().ResumeAsync(this);

    public async Task OnNextAsync(OutcomeEvent item, StreamSequenceToken? token = null)
    {
        var position = token?.SequenceNumber ?? 0;
        if (position != 0 && position <= _routedThrough)
        {
            return;
        }

        foreach (var key in TenantRouter.Targets(catalog.Current, item))
        {
            await GrainFactory.GetGrain<IOutcomeGrain>(key).ApplyAsync(item);
        }

        _routedThrough = Math.Max(_routedThrough, position);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
