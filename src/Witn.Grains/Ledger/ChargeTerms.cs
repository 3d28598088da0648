using Witn.Domain.Contracts;
using Witn.Domain.Invoices;
using Witn.Grains.Contracts;
using Witn.Storage.Invoices;
using Witn.Storage.Ledger;

namespace Witn.Grains.Ledger;

/// <summary>
/// What a credit against a stored charge is worth and which billing grid places it on an invoice, in one place for
/// the lifecycle credits (LedgerGrain) and the dispute credits (DisputeGrain).
/// </summary>
public static class ChargeTerms
{
    /// <summary>The billing grid of the contract version the charge was rated with (else the tenant's current one).</summary>
    public static async Task<BillingPeriod> BillingAsync(IContractBook contracts, string tenantId, int? contractVersion)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        return contractVersion is { } v && await contracts.GetAsync(tenantId, v) is { } booked
            ? booked.Contract.BillingPeriod
            : await contracts.GetBillingAsync(tenantId);
    }

    /// <summary>The charge's amount, or for one rated on the invoice (tiers), what it is worth there now; null when nothing prices it.</summary>
    public static async Task<decimal?> ValueAsync(IContractBook contracts, InvoiceStore invoices, ChargeRow charge)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(charge);
        if (charge.Amount is not null || charge.Currency is null || charge.ContractVersion is not { } version)
        {
            return charge.Amount;
        }

        var price = (await contracts.GetAsync(charge.TenantId, version))?.Contract.PriceFor(charge.Outcome);
        var quantity = price is TieredPrice && charge.InvoicePeriod is { } period
            ? await invoices.GetOutcomeQuantityAsync(charge.TenantId, period, charge.Outcome, version)
            : 0;
        return CreditValuation.AmountFor(price, charge.Amount, charge.Value, quantity, charge.Currency);
    }
}
