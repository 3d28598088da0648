using Orleans.Concurrency;
using Witn.Abstractions.Ledger;
using Witn.Storage.Ledger;

namespace Witn.Grains.Ledger;

/// <summary>Ledger reads for the API, served on whichever silo asks.</summary>
[StatelessWorker, Reentrant]
public sealed class LedgerQueryGrain(LedgerStore store) : Grain, ILedgerQueryGrain
{
    public async Task<ChargeInfo[]?> ListChargesAsync(string tenantId, DateTimeOffset? from, DateTimeOffset? to, int limit, Guid? after) =>
        await store.ListChargesAsync(tenantId, from, to, new LedgerPage(limit, after)) is { } rows ? [.. rows.Select(LedgerMapping.ToInfo)] : null;

    public async Task<CreditInfo[]?> ListCreditsAsync(string tenantId, int limit, Guid? after) =>
        await store.ListCreditsAsync(tenantId, new LedgerPage(limit, after)) is { } rows ? [.. rows.Select(LedgerMapping.ToInfo)] : null;

    public async Task<ChargeInfo?> GetChargeAsync(Guid id) => await store.GetChargeAsync(id) is { } row ? LedgerMapping.ToInfo(row) : null;
}
