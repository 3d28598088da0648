namespace Witn.Domain.Contracts;

/// <summary>The most a billing period's usage charges may total (<c>cap.max_per_period</c>).</summary>
public sealed record ContractCap(decimal MaxPerPeriod);
