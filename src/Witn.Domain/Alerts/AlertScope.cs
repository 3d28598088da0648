namespace Witn.Domain.Alerts;

/// <summary>What a rule looks at: one tenant (or each tenant on its own when null), and optionally one definition, agent or agent version.</summary>
public sealed record AlertScope(string? Tenant = null, string? Definition = null, string? Agent = null, string? AgentVersion = null)
{
    public static AlertScope Everything { get; } = new();
}
