namespace Witn.Grains.Outcomes;

/// <summary>What the tenant's contract says about one charge: the version in force and, for flat prices, the amount.</summary>
public sealed record ChargePrice(int? ContractVersion, string? Currency, decimal? UnitPrice, decimal? Amount)
{
    public static ChargePrice None { get; } = new(null, null, null, null);
}
