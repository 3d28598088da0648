namespace Witn.Domain.Disputes;

/// <summary>
/// A buyer's challenge of one charge, as it stands. <see cref="EvidenceSha256"/> is the hash of the charge's
/// evidence bundle when the dispute opened, so what was disputed cannot change afterwards; <see cref="Thread"/> only
/// grows; <see cref="Proposal"/> is a four-eyes credit waiting for its second key.
/// </summary>
public sealed record Dispute(
    Guid Id,
    string TenantId,
    Guid ChargeId,
    string Outcome,
    string Correlation,
    DisputeStatus Status,
    DisputeReason Reason,
    decimal Amount,
    string Currency,
    DateTimeOffset OpenedAt,
    DateTimeOffset AckDueBy,
    DateTimeOffset ResolveDueBy,
    string EvidenceSha256,
    IReadOnlyList<DisputeMessage> Thread,
    DateTimeOffset? AcknowledgedAt = null,
    DisputeProposal? Proposal = null,
    DisputeResolution? Resolution = null,
    DateTimeOffset? OverdueNotifiedAt = null)
{
    /// <summary>Credited, rejected or withdrawn: no message, decision or withdrawal changes it any more.</summary>
    public bool Closed => Status is DisputeStatus.Credited or DisputeStatus.Rejected or DisputeStatus.Withdrawn;
}
