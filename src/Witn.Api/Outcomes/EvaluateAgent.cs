namespace Witn.Api.Outcomes;

/// <summary>The agent that emitted an event; the version is optional.</summary>
public sealed record EvaluateAgent(string? Id, string? Version);
