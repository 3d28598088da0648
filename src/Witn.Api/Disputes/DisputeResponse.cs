using Witn.Abstractions.Disputes;
using Witn.Domain.Disputes;
using Witn.Domain.Money;

namespace Witn.Api.Disputes;

/// <summary>
/// A dispute on the wire (and in its webhooks). <see cref="EvidenceSha256"/> fingerprints the charge's evidence as it
/// was when the dispute opened; <see cref="Overdue"/> says it is open and missed a due date on the tenant's clock.
/// </summary>
public sealed record DisputeResponse(
    Guid Id,
    string TenantId,
    Guid ChargeId,
    string Outcome,
    string Correlation,
    string Status,
    string Reason,
    string Amount,
    string Currency,
    DateTimeOffset OpenedAt,
    DateTimeOffset AckDueBy,
    DateTimeOffset ResolveDueBy,
    DateTimeOffset? AcknowledgedAt,
    bool Overdue,
    string EvidenceSha256,
    IReadOnlyList<DisputeMessageResponse> Thread,
    DisputeProposalResponse? Proposal,
    DisputeResolutionResponse? Resolution,
    string Charge,
    string Evidence)
{
    public static DisputeResponse From(DisputeView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return From(view.Dispute, view.Overdue);
    }

    public static DisputeResponse From(Dispute d, bool overdue)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Id, d.TenantId, d.ChargeId, d.Outcome, d.Correlation, DisputeNames.Of(d.Status), DisputeNames.Of(d.Reason), MoneyFormat.Text(d.Amount, d.Currency),
            d.Currency, d.OpenedAt, d.AckDueBy, d.ResolveDueBy, d.AcknowledgedAt, overdue, d.EvidenceSha256,
            [.. d.Thread.Select(DisputeMessageResponse.From)],
            d.Proposal is { } p ? DisputeProposalResponse.From(p, d.Currency) : null,
            d.Resolution is { } r ? DisputeResolutionResponse.From(r, d.Currency) : null,
            $"/v1/charges/{d.ChargeId}", $"/v1/charges/{d.ChargeId}/evidence");
    }
}
