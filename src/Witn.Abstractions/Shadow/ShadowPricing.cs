namespace Witn.Abstractions.Shadow;

/// <summary>
/// How one side prices one outcome: billed (the contract has a price for it), the flat amount (null: unbilled, or a
/// tiered or percent price, rated on the invoice), and the contract version (for shadow, the shadow version number).
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.shadow.pricing")]
public sealed record ShadowPricing(
    [property: Id(0)] bool Billed,
    [property: Id(1)] decimal? Amount,
    [property: Id(2)] int? ContractVersion);
