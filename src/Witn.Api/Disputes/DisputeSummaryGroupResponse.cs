using Witn.Abstractions.Disputes;
using Witn.Domain.Common;
using Witn.Domain.Money;

namespace Witn.Api.Disputes;

/// <summary>
/// One group of the summary (docs/disputes.md#summary). <c>opened</c> … <c>withdrawn</c>, <c>credited_amounts</c>
/// and <c>median_time_to_resolution</c> are about disputes opened in the range (by their status now; the median over
/// those credited or rejected, as a duration such as "36h"); <c>charges</c>, <c>disputed_charges</c> and
/// <c>dispute_rate</c> (disputed / charges, four decimals; null without charges) about charges settled in it.
/// </summary>
public sealed record DisputeSummaryGroupResponse(
    string? Definition,
    DisputeSummaryAgentResponse? Agent,
    long Opened,
    long Credited,
    long Rejected,
    long Withdrawn,
    IReadOnlyList<DisputedMoneyResponse> CreditedAmounts,
    string? MedianTimeToResolution,
    long Charges,
    long DisputedCharges,
    decimal? DisputeRate)
{
    /// <summary>The one group of an ungrouped summary over a range without disputes or charges.</summary>
    public static DisputeSummaryGroupResponse Empty { get; } = new(null, null, 0, 0, 0, 0, [], null, 0, 0, null);

    public static DisputeSummaryGroupResponse From(DisputeSummaryGroup g, bool byAgent) => new(
        g.Definition,
        byAgent ? new DisputeSummaryAgentResponse(g.AgentId, g.AgentVersion) : null,
        g.Opened, g.Credited, g.Rejected, g.Withdrawn,
        [.. g.CreditedAmounts.Select(a => new DisputedMoneyResponse(MoneyFormat.Text(a.Amount, a.Currency), a.Currency))],
        g.MedianSecondsToResolution is { } s ? Durations.Format(TimeSpan.FromSeconds(Math.Round(s, MidpointRounding.AwayFromZero))) : null,
        g.Charges, g.DisputedCharges,
        g.Charges == 0 ? null : Math.Round((decimal)g.DisputedCharges / g.Charges, 4, MidpointRounding.AwayFromZero));
}
