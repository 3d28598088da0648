using Witn.Domain.Common;
using Witn.Domain.Events;

namespace Witn.Domain.Evaluation;

/// <summary>
/// The result of the lifecycle fold at a clock instant. All instants are UTC.
/// <see cref="SettlesAt"/> is the end of the window in event time; <see cref="CommitsAt"/> the clock instant at
/// which the outcome becomes settled (settles_at + grace, or the approval if that came later);
/// <see cref="NextDueAt"/> the next instant at which the status changes without new input (for a reminder).
/// </summary>
public sealed record OutcomeState(
    OutcomeStatus Status,
    int EventCount,
    DateTimeOffset? FirstEventAt,
    DateTimeOffset? QualifiedAt,
    Guid? QualifiedBy,
    DateTimeOffset? SettlesAt,
    DateTimeOffset? CommitsAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? NextDueAt,
    decimal? Value,
    ValueArray<DimensionValue> Dimensions,
    AgentRef? AttributedAgent,
    ValueArray<Guid> VoidedBy,
    ValueArray<Guid> ReversedBy,
    ReviewDecision? Review,
    OutcomeExplanation Explanation)
{
    /// <summary>True for the statuses that never change again (settled can still be reversed).</summary>
    public bool IsFinal => Status is OutcomeStatus.Voided or OutcomeStatus.Expired or OutcomeStatus.Rejected or OutcomeStatus.Reversed;
}
