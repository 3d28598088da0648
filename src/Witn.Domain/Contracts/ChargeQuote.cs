using Witn.Domain.Evaluation;
using Witn.Domain.Settlement;

namespace Witn.Domain.Contracts;

/// <summary>
/// The terms one charge records under one contract version: the one rule the live pricer and replay share. Without
/// a contract (or without a price for the outcome) the charge is still made, unpriced and without a currency: the
/// invoice shows it rather than dropping it. Tiered and percent prices get their amounts on the invoice.
/// </summary>
public static class ChargeQuote
{
    public static ChargeTerms Terms(int? contractVersion, Contract? contract, string outcome, IReadOnlyList<DimensionValue> dimensions, decimal? value)
    {
        if (contract is null)
        {
            return new ChargeTerms(null, null, null, null, null, value);
        }

        var price = contract.PriceCharge(outcome, dimensions, value);
        return new ChargeTerms(
            contractVersion,
            price.Kind == ChargePriceKind.Unpriced ? null : contract.Currency,
            price.Kind == ChargePriceKind.Flat ? price.UnitPrice : null,
            price.Kind == ChargePriceKind.Flat ? price.Amount : null,
            string.IsNullOrEmpty(price.Bucket) ? null : price.Bucket,
            value);
    }
}
