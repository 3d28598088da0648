namespace Witn.Abstractions.Shadow;

/// <summary>
/// One outcome the shadow side bills differently: a live charge (<see cref="ChargeId"/>) whose amount or billed-ness
/// changes, or a shadow definition's outcome (no charge id) that shadow would bill.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.shadow.flip")]
public sealed record ShadowFlip(
    [property: Id(0)] Guid? ChargeId,
    [property: Id(1)] string Outcome,
    [property: Id(2)] string Correlation,
    [property: Id(3)] ShadowPricing Before,
    [property: Id(4)] ShadowPricing After);
