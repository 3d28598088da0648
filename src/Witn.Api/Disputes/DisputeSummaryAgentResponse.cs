namespace Witn.Api.Disputes;

/// <summary>The agent a group of charges came from (either part null when the events did not say).</summary>
public sealed record DisputeSummaryAgentResponse(string? Id, string? Version);
