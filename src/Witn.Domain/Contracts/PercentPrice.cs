namespace Witn.Domain.Contracts;

/// <summary><see cref="Percent"/> % of the outcome's value <see cref="PercentOf"/> (e.g. <c>amount</c>); rated on the invoice.</summary>
public sealed record PercentPrice(string Outcome, string PercentOf, decimal Percent, decimal? MaxPerPeriod)
    : OutcomePrice(Outcome, MaxPerPeriod);
