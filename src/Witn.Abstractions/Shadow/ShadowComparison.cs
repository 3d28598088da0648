namespace Witn.Abstractions.Shadow;

/// <summary>
/// One period of a tenant, live against shadow: live is the period's charges as its invoice rates them; shadow is
/// the same charges priced by the shadow contract version (<see cref="ShadowContractVersion"/>; null: none, they are
/// priced live), plus the settled outcomes of shadow definitions. Totals are whole invoices (base fee, meters,
/// caps, minimum commitment and credits included); <see cref="Outcomes"/> has each outcome type's charge lines.
/// <see cref="Flips"/> are the first <see cref="MaxFlips"/> of <see cref="FlipCount"/> outcomes billed differently.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.shadow.comparison")]
public sealed record ShadowComparison(
    [property: Id(0)] string TenantId,
    [property: Id(1)] DateOnly PeriodStart,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End,
    [property: Id(4)] string Currency,
    [property: Id(5)] int? LiveContractVersion,
    [property: Id(6)] int? ShadowContractVersion,
    [property: Id(7)] ShadowOutcomeLine[] Outcomes,
    [property: Id(8)] decimal LiveTotal,
    [property: Id(9)] decimal ShadowTotal,
    [property: Id(10)] ShadowFlip[] Flips,
    [property: Id(11)] int FlipCount,
    [property: Id(12)] DateTimeOffset ComputedAt)
{
    /// <summary>How many flips a comparison lists at most (<see cref="FlipCount"/> counts them all).</summary>
    public const int MaxFlips = 100;
}
