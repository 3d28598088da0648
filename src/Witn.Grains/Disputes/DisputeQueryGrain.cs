using Orleans.Concurrency;
using Witn.Abstractions.Disputes;
using Witn.Abstractions.Tenants;
using Witn.Domain.Disputes;
using Witn.Storage.Disputes;

namespace Witn.Grains.Disputes;

/// <summary>Dispute reads for the API and pages, served on whichever silo asks; overdue is judged on the tenant's clock.</summary>
[StatelessWorker, Reentrant]
public sealed class DisputeQueryGrain(DisputeStore store, TimeProvider time) : Grain, IDisputeQueryGrain
{
    public async Task<DisputeView?> GetAsync(Guid id)
    {
        if (await store.GetAsync(id) is not { } record)
        {
            return null;
        }

        var now = await NowAsync(record.Dispute.TenantId);
        return new DisputeView(record.Dispute, DisputeRules.ShowsOverdue(record.Dispute, now));
    }

    public async Task<DisputeView[]?> ListAsync(string tenantId, DisputeStatus? status, bool? overdue, int limit, Guid? after)
    {
        var now = await NowAsync(tenantId);
        return await store.ListAsync(tenantId, status, overdue, now, limit, after) is { } rows
            ? [.. rows.Select(r => new DisputeView(r.Dispute, DisputeRules.ShowsOverdue(r.Dispute, now)))]
            : null;
    }

    private async Task<DateTimeOffset> NowAsync(string tenantId) =>
        await GrainFactory.GetGrain<ITenantGrain>(tenantId).GetAsync() is { } tenant ? tenant.Now(time) : time.GetUtcNow();
}
