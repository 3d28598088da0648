namespace Witn.Domain.Evaluation;

/// <summary>
/// The cheap part of <see cref="OutcomeState"/>, computed without building the explanation: what a grain needs
/// after every event (has the status changed, when is the next reminder due).
/// </summary>
public readonly record struct OutcomeProgress(
    OutcomeStatus Status,
    DateTimeOffset? QualifiedAt,
    DateTimeOffset? SettlesAt,
    DateTimeOffset? CommitsAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? NextDueAt);
