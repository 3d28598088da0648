namespace Witn.Abstractions.Shadow;

/// <summary>
/// The deviation a promotion measured on the current period of <see cref="TenantId"/>: live and shadow totals in
/// <see cref="Currency"/>, and the percentage (null: the live side is zero, so no finite percentage).
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.shadow.promotion-deviation")]
public sealed record PromotionDeviation(
    [property: Id(0)] string TenantId,
    [property: Id(1)] DateOnly PeriodStart,
    [property: Id(2)] string Currency,
    [property: Id(3)] decimal Live,
    [property: Id(4)] decimal Shadow,
    [property: Id(5)] decimal? Percent);
