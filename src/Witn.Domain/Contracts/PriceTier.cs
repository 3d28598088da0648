namespace Witn.Domain.Contracts;

/// <summary>One tier: units up to and including <see cref="UpTo"/> (null on the last, open tier) cost <see cref="UnitPrice"/> each.</summary>
public sealed record PriceTier(decimal? UpTo, decimal UnitPrice);
