namespace Witn.Domain.Evidence;

/// <summary>
/// One step of an outcome's lifecycle: <see cref="State"/> is <c>opened</c>, <c>qualified</c>, <c>in_review</c>,
/// <c>approved</c>, <c>rejected</c>, <c>settled</c>, <c>voided</c>, <c>expired</c> or <c>reversed</c>.
/// <see cref="EventId"/> is the event that caused it (when one did); <see cref="By"/> the reviewer of a decision.
/// </summary>
public sealed record OutcomeTransition(string State, DateTimeOffset At, string? Reason = null, Guid? EventId = null, string? By = null);
