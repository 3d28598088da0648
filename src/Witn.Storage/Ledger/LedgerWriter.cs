using Witn.Storage.Batching;

namespace Witn.Storage.Ledger;

/// <summary>
/// Group commit in front of <see cref="LedgerStore.CommitChargesAsync"/>: concurrent charges (a burst of outcomes
/// due together) share one transaction, each caller awaiting its own row. One transaction per charge would cap a
/// settlement burst at the database's single-row commit rate.
/// </summary>
public sealed class LedgerWriter(LedgerStore store) : IAsyncDisposable
{
    private readonly GroupCommitter<NewCharge, (ChargeRow Charge, bool Created)> _charges =
        new((batch, ct) => store.CommitChargesAsync(batch, ct), concurrency: 2, maxBatch: 500);

    public Task<(ChargeRow Charge, bool Created)> CommitChargeAsync(NewCharge charge) => _charges.RunAsync(charge);

    public ValueTask DisposeAsync() => _charges.DisposeAsync();
}
