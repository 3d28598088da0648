using Orleans.Concurrency;
using Witn.Abstractions.Ledger;
using Witn.Domain.Contracts;
using Witn.Grains.Contracts;
using Witn.Storage.Invoices;
using Witn.Storage.Ledger;

namespace Witn.Grains.Ledger;

/// <summary>
/// The tenant's door to the ledger: one local activation per silo, reentrant, so every outcome due on this silo
/// reaches the group-committed writer without a network hop and without queueing behind another commit.
/// Exactly-once lives in the database's unique keys, not in this grain. It also decides which billing grid a row
/// is placed on (the contract's), so the store can put it on the right invoice.
/// </summary>
[StatelessWorker(1), Reentrant]
public sealed class LedgerGrain(LedgerWriter writer, LedgerStore store, InvoiceStore invoices, IContractBook contracts, LedgerMetrics? metrics = null) : Grain, ILedgerGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task<LedgerReceipt> CommitChargeAsync(ChargeCommit c)
    {
        var billing = await BillingAsync(c.ContractVersion);
        var (row, created) = await writer.CommitChargeAsync(new NewCharge(
            c.TenantId, c.Outcome, c.DefinitionVersion, c.Correlation, c.QualifiedAt, c.SettlesAt, c.AgentId, c.AgentVersion,
            c.DimensionsJson, c.Value, c.ContractVersion, c.Currency, c.UnitPrice, c.Amount, c.EvidenceJson, billing, c.PriceBucket, c.Sequence));
        if (created)
        {
            metrics?.Charged(c.TenantId, c.Outcome, row.Currency, row.Amount);
        }

        return new LedgerReceipt(row.Id, created, LedgerMapping.ToOutcomeCharge(row, creditId: null));
    }

    public async Task<LedgerReceipt> CreditAsync(CreditCommit credit)
    {
        // The amount comes from the stored charge, not from what the outcome remembers of it.
        var charge = await store.GetChargeAsync(credit.ChargeId)
            ?? throw new KeyNotFoundException($"cannot credit charge {credit.ChargeId}: no such charge in the ledger");
        var amount = credit.Amount ?? await ValueAsync(charge);
        var (row, created) = await store.AddCreditAsync(
            credit.ChargeId, credit.Reason, credit.EvidenceJson, amount, credit.EffectiveAt, await BillingAsync(charge.ContractVersion));
        if (created)
        {
            metrics?.Credited(TenantId, row.Currency, row.Amount);
        }

        return new LedgerReceipt(row.Id, created);
    }

    public async Task<OutcomeChargeInfo[]> FindChargesAsync(string outcome, string correlation) =>
        [.. (await store.FindChargesAsync(TenantId, outcome, correlation)).Select(c => LedgerMapping.ToOutcomeCharge(c.Charge, c.CreditId))];

    private Task<BillingPeriod> BillingAsync(int? contractVersion) => ChargeTerms.BillingAsync(contracts, TenantId, contractVersion);

    private Task<decimal?> ValueAsync(ChargeRow charge) => ChargeTerms.ValueAsync(contracts, invoices, charge);
}
