namespace Witn.Api.Outcomes;

/// <summary>An agent: id and optional version.</summary>
public sealed record AgentResponse(string Id, string? Version);
