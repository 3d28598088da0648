namespace Witn.Storage.Simulations;

/// <summary>A simulation as stored: its request, status, progress and, once done, its parity and summary (JSON).</summary>
public sealed record SimulationRow(
    Guid Id,
    string? Name,
    string Status,
    string RequestJson,
    long EventsTotal,
    long EventsRead,
    long Outcomes,
    int Percent,
    string? ParityJson,
    string? SummaryJson,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset ExpiresAt);
