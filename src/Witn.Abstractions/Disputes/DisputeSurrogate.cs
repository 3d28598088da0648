using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>Wire form of <see cref="Dispute"/> (the thread as an array: a collection expression's list type is not serializable).</summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.dispute")]
public readonly record struct DisputeSurrogate(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string TenantId,
    [property: Id(2)] Guid ChargeId,
    [property: Id(3)] string Outcome,
    [property: Id(4)] string Correlation,
    [property: Id(5)] DisputeStatus Status,
    [property: Id(6)] DisputeReason Reason,
    [property: Id(7)] decimal Amount,
    [property: Id(8)] string Currency,
    [property: Id(9)] DateTimeOffset OpenedAt,
    [property: Id(10)] DateTimeOffset AckDueBy,
    [property: Id(11)] DateTimeOffset ResolveDueBy,
    [property: Id(12)] string EvidenceSha256,
    [property: Id(13)] DisputeMessage[] Thread,
    [property: Id(14)] DateTimeOffset? AcknowledgedAt,
    [property: Id(15)] DisputeProposal? Proposal,
    [property: Id(16)] DisputeResolution? Resolution,
    [property: Id(17)] DateTimeOffset? OverdueNotifiedAt);
