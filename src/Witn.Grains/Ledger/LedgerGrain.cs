using Orleans.Concurrency;
using Witn.Abstractions.Ledger;
using Witn.Storage.Ledger;

namespace Witn.Grains.Ledger;

/// <summary>
/// The tenant's door to the ledger: one local activation per silo, reentrant, so every outcome due on this silo
/// reaches the group-committed writer without a network hop and without queueing behind another commit.
/// Exactly-once lives in the database's unique keys, not in this grain.
/// </summary>
[StatelessWorker(1), Reentrant]
public sealed class LedgerGrain(LedgerWriter writer, LedgerStore store) : Grain, ILedgerGrain
{
    public async Task<LedgerReceipt> CommitChargeAsync(ChargeCommit c)
    {
        var (row, created) = await writer.CommitChargeAsync(new NewCharge(
            c.TenantId, c.Outcome, c.DefinitionVersion, c.Correlation, c.QualifiedAt, c.SettlesAt, c.AgentId, c.AgentVersion,
            c.DimensionsJson, c.Value, c.ContractVersion, c.Currency, c.UnitPrice, c.Amount, c.EvidenceJson));
        return new LedgerReceipt(row.Id, created);
    }

    public async Task<LedgerReceipt> CreditAsync(CreditCommit credit)
    {
        // The amount comes from the stored charge, not from what the outcome remembers of it.
        var amount = credit.Amount ?? (await store.GetChargeAsync(credit.ChargeId))?.Amount;
        var (row, created) = await store.AddCreditAsync(credit.ChargeId, credit.Reason, credit.EvidenceJson, amount);
        return new LedgerReceipt(row.Id, created);
    }

    public async Task<ChargeInfo?> FindChargeAsync(string outcome, string correlation) =>
        await store.FindChargeAsync(this.GetPrimaryKeyString(), outcome, correlation) is { } row ? LedgerMapping.ToInfo(row) : null;
}
