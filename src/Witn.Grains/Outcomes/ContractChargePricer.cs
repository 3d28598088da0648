using Witn.Domain.Contracts;
using Witn.Domain.Evaluation;
using Witn.Domain.Settlement;
using Witn.Grains.Contracts;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Prices charges by the tenant's contract version in force at the outcome's first event (event time), by the
/// domain's <see cref="ChargeQuote"/> (which replay uses too).
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

        var terms = ChargeQuote.Terms(booked.Version, booked.Contract, outcome, dimensions, value);
        return new ChargePricing(terms.ContractVersion, terms.Currency, terms.UnitPrice, terms.Amount, terms.Bucket, booked.Contract.BillingPeriod);
    }
}
