namespace Witn.Abstractions.Shadow;

/// <summary>
/// A promotion from shadow to live at <see cref="At"/> (a billing period's start), refused when the measured
/// deviation is beyond <see cref="MaxDeltaPercent"/> (null: no threshold) unless <see cref="Force"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.shadow.promotion-request")]
public sealed record PromotionRequest(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] decimal? MaxDeltaPercent,
    [property: Id(2)] bool Force);
