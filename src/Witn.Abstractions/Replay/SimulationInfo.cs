namespace Witn.Abstractions.Replay;

/// <summary>A simulation as stored: request, status, progress, and once done its parity and summary (JSON text).</summary>
[GenerateSerializer, Immutable, Alias("witn.replay.simulation-info")]
public sealed record SimulationInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string? Name,
    [property: Id(2)] string Status,
    [property: Id(3)] string RequestJson,
    [property: Id(4)] long EventsTotal,
    [property: Id(5)] long EventsRead,
    [property: Id(6)] long Outcomes,
    [property: Id(7)] int Percent,
    [property: Id(8)] string? ParityJson,
    [property: Id(9)] string? SummaryJson,
    [property: Id(10)] string? Error,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset? StartedAt,
    [property: Id(13)] DateTimeOffset? FinishedAt,
    [property: Id(14)] DateTimeOffset ExpiresAt);
