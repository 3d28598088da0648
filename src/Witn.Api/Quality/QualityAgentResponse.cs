namespace Witn.Api.Quality;

/// <summary>The agent of a group: the agent of the first event of its outcomes (id null: those events named none).</summary>
public sealed record QualityAgentResponse(string? Id, string? Version);
