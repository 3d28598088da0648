using Witn.Domain.Contracts;
using DomainPrice = Witn.Domain.Contracts.ChargePriceKind;
using Witn.Domain.Evaluation;
using Witn.Domain.Settlement;
using Witn.Grains.Contracts;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Prices charges by the tenant's contract version in force at the outcome's first event (event time). Without a
/// contract, or without a price for the outcome, the charge is still committed, with no amount: the invoice shows
/// it as unpriced rather than dropping it. Tiered and percent prices get their amounts on the invoice.
/// </summary>
public sealed class ContractChargePricer(IContractBook contracts) : IChargePricer
{
    public async Task<ChargePricing> PriceAsync(
        string tenantId, string outcome, DateTimeOffset firstEventAt, IReadOnlyList<DimensionValue> dimensions, decimal? value, ChargeTerms? pinnedBy = null)
    {
        var found = pinnedBy is null
            ? await contracts.GetInForceAsync(tenantId, firstEventAt)
            : pinnedBy.ContractVersion is { } version ? await contracts.GetAsync(tenantId, version) : null;
        if (found is not { } booked)
        {
            return new ChargePricing(null, null, null, null, null, await contracts.GetBillingAsync(tenantId));
        }

        var price = booked.Contract.PriceCharge(outcome, dimensions, value);
        // An unpriced charge carries no currency: that is how the ledger marks it (it has no amount to be in one).
        return new ChargePricing(
            booked.Version,
            price.Kind == DomainPrice.Unpriced ? null : booked.Contract.Currency,
            price.Kind == DomainPrice.Flat ? price.UnitPrice : null,
            price.Kind == DomainPrice.Flat ? price.Amount : null,
            price.Bucket,
            booked.Contract.BillingPeriod);
    }
}
