using Witn.Domain.Common;
using Witn.Domain.Contracts.Syntax;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Money;

namespace Witn.Domain.Contracts;

/// <summary>
/// What one tenant pays: a base fee, prices per outcome, metered usage, a cap and a minimum commitment, in one
/// currency and billing period, from <see cref="EffectiveFrom"/> on (null: from the moment it is stored).
/// <see cref="Prices"/> and <see cref="Meters"/> are ordered by name.
/// </summary>
public sealed record Contract(
    string? Tenant,
    string Currency,
    BillingPeriod BillingPeriod,
    decimal? BaseFee,
    ValueArray<OutcomePrice> Prices,
    ContractCap? Cap,
    decimal? MinimumCommit,
    DateTimeOffset? EffectiveFrom,
    ValueArray<Meter> Meters)
{
    public static ContractParseResult Parse(string text, DefinitionFormat format, IReadOnlyCollection<string>? knownOutcomes = null) =>
        ContractParser.Parse(text, format, knownOutcomes);

    /// <summary>The price of <paramref name="outcome"/>, or null when the contract does not price it.</summary>
    public OutcomePrice? PriceFor(string outcome)
    {
        foreach (var price in Prices)
        {
            if (string.Equals(price.Outcome, outcome, StringComparison.Ordinal))
            {
                return price;
            }
        }

        return null;
    }

    /// <summary>
    /// The only rating the ledger does. A flat price gives the unit price — the <c>by</c> override matching one of
    /// <paramref name="dimensions"/>, else <c>unit_price</c> — and the amount, that price rounded half away from zero
    /// to the currency's minor unit. Tiered and percent prices need the whole period (and <paramref name="value"/>
    /// for percent), so the invoice rates them.
    /// </summary>
    public ChargePrice PriceCharge(string outcome, IReadOnlyList<DimensionValue> dimensions, decimal? value = null) =>
        PriceFor(outcome) switch
        {
            null => ChargePrice.Unpriced,
            FlatPrice flat when flat.OverrideFor(dimensions) is var by && (by?.UnitPrice ?? flat.UnitPrice) is var unit =>
                ChargePrice.Flat(unit, Currencies.Round(unit, Currency), by?.Bucket),
            _ => ChargePrice.RatedOnInvoice,
        };

    /// <summary>The canonical JSON form: valid contract JSON, so parsing it gives this contract back.</summary>
    public string ToCanonicalJson() => ContractCanonicalWriter.Write(this);
}
