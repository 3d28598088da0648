namespace Witn.Domain.Events;

/// <summary>The agent that emitted an event; the version is optional.</summary>
public sealed record AgentRef(string Id, string? Version = null);
