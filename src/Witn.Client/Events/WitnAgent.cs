namespace Witn.Client.Events;

/// <summary>The agent that produced an event.</summary>
public sealed record WitnAgent(string Id, string? Version = null);
