using Witn.Domain.Contracts;
using Witn.Domain.Money;

namespace Witn.Domain.Invoices;

/// <summary>
/// What a credit gives back for a charge whose price the invoice rates (the ledger has no amount on it): percent
/// prices, the percent of the charge's own value; tiered prices, the average unit price of the charge's outcome
/// line in the period it was billed (its line total ÷ its quantity), so crediting every charge of a line gives back
/// about the line. Rounded like every line: half away from zero to the currency's minor unit.
/// </summary>
public static class CreditValuation
{
    /// <summary>
    /// The credit's amount: the charge's own amount when the ledger has one (every flat price), else by the rules
    /// above; null when the charge was unpriced (nothing to give back).
    /// </summary>
    public static decimal? AmountFor(OutcomePrice? price, decimal? chargeAmount, decimal? value, long periodQuantity, string? currency)
    {
        if (chargeAmount is { } amount)
        {
            return amount;
        }

        if (currency is null)
        {
            return null;
        }

        return price switch
        {
            PercentPrice percent => percent.AmountOf(value ?? 0m, currency),
            TieredPrice tiered when periodQuantity > 0 =>
                Currencies.Round(TierRating.Total(tiered.Mode, tiered.Tiers, periodQuantity, currency) / periodQuantity, currency),
            _ => null,
        };
    }
}
