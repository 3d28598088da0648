namespace Witn.Api.Quality;

/// <summary>An amount in one currency, as a decimal string in the currency's decimals ("1.50").</summary>
public sealed record QualityMoneyResponse(string Amount, string Currency);
