namespace Witn.Domain.Contracts;

/// <summary>
/// The price of one outcome under a contract: <see cref="FlatPrice"/>, <see cref="TieredPrice"/> or
/// <see cref="PercentPrice"/>, each optionally capped per billing period.
/// </summary>
public abstract record OutcomePrice(string Outcome, decimal? MaxPerPeriod);
