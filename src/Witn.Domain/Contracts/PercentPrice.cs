using Witn.Domain.Money;

namespace Witn.Domain.Contracts;

/// <summary><see cref="Percent"/> % of the outcome's value <see cref="PercentOf"/> (e.g. <c>amount</c>); rated on the invoice.</summary>
public sealed record PercentPrice(string Outcome, string PercentOf, decimal Percent, decimal? MaxPerPeriod)
    : OutcomePrice(Outcome, MaxPerPeriod)
{
    /// <summary><see cref="Percent"/> % of <paramref name="value"/>, rounded half away from zero to the currency's minor unit.</summary>
    /// <remarks>Saturates at the decimal range (<see cref="Common.Decimals"/>): values come from events.</remarks>
    public decimal AmountOf(decimal value, string currency) => Currencies.Round(Common.Decimals.Multiply(value, Percent / 100m), currency);
}
