namespace Witn.Abstractions.Disputes;

/// <summary>What disputes credited in one currency (positive: the amount taken back).</summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.credited-amount")]
public sealed record DisputeCreditedAmount([property: Id(0)] string Currency, [property: Id(1)] decimal Amount);
