namespace Witn.Grains.Outcomes;

/// <summary>What the tenant's contract says about one charge: the version in force and, for flat prices, the amount.</summary>
public sealed record ChargePricing(int? ContractVersion, string? Currency, decimal? UnitPrice, decimal? Amount)
{
    public static ChargePricing None { get; } = new(null, null, null, null);
}
