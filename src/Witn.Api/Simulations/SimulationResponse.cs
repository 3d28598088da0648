namespace Witn.Api.Simulations;

/// <summary>
/// A simulation: status (queued | running | done | failed | cancelled), progress, and once done its parity (first)
/// and summary. <see cref="Rebuild"/>: a rebuild of outcome state (POST /v1/admin/rebuild), which runs as one.
/// </summary>
public sealed record SimulationResponse(
    Guid Id,
    string? Name,
    bool Rebuild,
    string Status,
    SimulationProgressResponse Progress,
    ParityResponse? Parity,
    SimulationSummaryResponse? Summary,
    string? Error,
    string? From,
    string? To,
    IReadOnlyList<string>? Tenants,
    IReadOnlyList<string> CandidateDefinitions,
    IReadOnlyList<string> CandidateContracts,
    string CreatedAt,
    string? StartedAt,
    string? FinishedAt,
    string ExpiresAt,
    SimulationLinksResponse Links);
