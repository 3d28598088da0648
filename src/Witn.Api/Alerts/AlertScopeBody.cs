namespace Witn.Api.Alerts;

/// <summary>What a rule looks at: one tenant (left out: each tenant on its own), and optionally one definition, agent or agent version.</summary>
public sealed record AlertScopeBody(string? Tenant, string? Definition, string? Agent, string? AgentVersion);
