using Orleans.Concurrency;
using Witn.Abstractions.Ledger;
using Witn.Storage.Ledger;

namespace Witn.Grains.Ledger;

/// <summary>Ledger reads for the API, served on whichever silo asks.</summary>
[StatelessWorker, Reentrant]
public sealed class LedgerQueryGrain(LedgerStore store) : Grain, ILedgerQueryGrain
{
    public async Task<ChargeInfo[]> ListChargesAsync(string tenantId, DateTimeOffset? from, DateTimeOffset? to) =>
        [.. (await store.ListChargesAsync(tenantId, from, to)).Select(LedgerMapping.ToInfo)];

    public async Task<CreditInfo[]> ListCreditsAsync(string tenantId) =>
        [.. (await store.ListCreditsAsync(tenantId)).Select(LedgerMapping.ToInfo)];

    public async Task<ChargeInfo?> GetChargeAsync(Guid id) => await store.GetChargeAsync(id) is { } row ? LedgerMapping.ToInfo(row) : null;
}
