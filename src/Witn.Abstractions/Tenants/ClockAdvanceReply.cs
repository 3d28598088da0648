namespace Witn.Abstractions.Tenants;

/// <summary>
/// The clock after an advance and how many outcomes it brought up to date, or why it was refused:
/// <see cref="ProblemStatus"/> is the HTTP status the refusal maps to (404 unknown tenant, 409 not a sandbox,
/// 400 backwards), <see cref="Problem"/> says what to do. <see cref="Complete"/> is false when the call stopped after
/// its time slice with outcomes still due: call again with the same instant to go on (each call stays well inside
/// the grain-call timeout however large the burst).
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.tenants.clock-advance-reply")]
public sealed record ClockAdvanceReply(
    [property: Id(0)] DateTimeOffset? Now,
    [property: Id(1)] int OutcomesTicked,
    [property: Id(2)] int? ProblemStatus,
    [property: Id(3)] string? Problem,
    [property: Id(4)] bool Complete = true);
