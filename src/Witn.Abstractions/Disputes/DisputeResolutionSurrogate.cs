using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>Wire form of <see cref="DisputeResolution"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.resolution")]
public readonly record struct DisputeResolutionSurrogate(
    [property: Id(0)] DisputeDecisionKind Decision,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string Note,
    [property: Id(3)] string DecidedBy,
    [property: Id(4)] string? ApprovedBy,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] Guid? CreditId);
