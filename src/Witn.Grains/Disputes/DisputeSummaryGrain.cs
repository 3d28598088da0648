using Orleans.Concurrency;
using Witn.Abstractions.Disputes;
using Witn.Domain.Disputes;
using Witn.Storage.Disputes;

namespace Witn.Grains.Disputes;

/// <summary>Dispute summaries for the API, served on whichever silo asks: one query, no state.</summary>
[StatelessWorker, Reentrant]
public sealed class DisputeSummaryGrain(DisputeSummaryStore store) : Grain, IDisputeSummaryGrain
{
    public async Task<DisputeSummaryGroup[]> SummarizeAsync(string tenantId, DateTimeOffset? from, DateTimeOffset? to, DisputeSummaryGrouping by) =>
        [.. (await store.SummarizeAsync(tenantId, from, to, by)).Select(r => new DisputeSummaryGroup(
            r.Definition, r.AgentId, r.AgentVersion, r.Opened, r.Credited, r.Rejected, r.Withdrawn,
            [.. r.CreditedAmounts.Select(a => new DisputeCreditedAmount(a.Currency, a.Amount))],
            r.MedianSecondsToResolution, r.Charges, r.DisputedCharges))];
}
