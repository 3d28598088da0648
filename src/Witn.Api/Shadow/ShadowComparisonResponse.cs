using Witn.Abstractions.Shadow;
using Witn.Domain.Money;

namespace Witn.Api.Shadow;

/// <summary>
/// <c>GET /v1/tenants/{tenant}/shadow</c>: one period live against shadow, per outcome type and in total (whole
/// invoices), with the outcomes billed differently (<c>flips</c>, the first 100; <c>flip_count</c> counts all).
/// </summary>
public sealed record ShadowComparisonResponse(
    string TenantId,
    DateOnly PeriodStart,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Currency,
    int? LiveContractVersion,
    int? ShadowContractVersion,
    IReadOnlyList<ShadowOutcomeResponse> Outcomes,
    string LiveTotal,
    string ShadowTotal,
    ShadowDeltaResponse Delta,
    IReadOnlyList<ShadowFlipResponse> Flips,
    int FlipCount,
    DateTimeOffset ComputedAt)
{
    public static ShadowComparisonResponse From(ShadowComparison c) =>
        new(c.TenantId, c.PeriodStart, c.Start, c.End, c.Currency, c.LiveContractVersion, c.ShadowContractVersion,
            [.. c.Outcomes.Select(l => ShadowOutcomeResponse.From(l, c.Currency))],
            MoneyFormat.Text(c.LiveTotal, c.Currency), MoneyFormat.Text(c.ShadowTotal, c.Currency),
            ShadowDeltaResponse.Of(c.LiveTotal, c.ShadowTotal, c.Currency),
            [.. c.Flips.Select(f => ShadowFlipResponse.From(f, c.Currency))], c.FlipCount, c.ComputedAt);
}
