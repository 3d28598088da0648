namespace Witn.Abstractions.Replay;

/// <summary>A flipped outcome (before and after explanations) or a parity mismatch (differences, replay and ledger), as JSON text.</summary>
[GenerateSerializer, Immutable, Alias("witn.replay.simulation-outcome")]
public sealed record SimulationOutcomeInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Definition,
    [property: Id(2)] string Correlation,
    [property: Id(3)] string BeforeJson,
    [property: Id(4)] string AfterJson,
    [property: Id(5)] Guid[] EventIds);
