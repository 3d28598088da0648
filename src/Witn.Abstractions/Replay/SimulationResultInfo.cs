namespace Witn.Abstractions.Replay;

/// <summary>Actual and simulated figures of one tenant, definition ('' for the period's own lines) and period; amounts net (charges minus credits), in the currency.</summary>
[GenerateSerializer, Immutable, Alias("witn.replay.simulation-result")]
public sealed record SimulationResultInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Definition,
    [property: Id(2)] DateTimeOffset Period,
    [property: Id(3)] string? Currency,
    [property: Id(4)] long ActualOutcomes,
    [property: Id(5)] decimal ActualAmount,
    [property: Id(6)] long SimulatedOutcomes,
    [property: Id(7)] decimal SimulatedAmount);
