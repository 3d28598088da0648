namespace Witn.Storage.Alerts;

/// <summary>One cohort day of a tenant's quality cells, narrowed to a definition, agent and agent version where given.</summary>
public sealed record AlertCell(string TenantId, DateOnly Day, string? Definition, string? Agent, string? AgentVersion);
