namespace Witn.Domain.Disputes;

/// <summary>What the dispute summary groups by: nothing (one group), the charge's definition, or its agent and version.</summary>
public enum DisputeSummaryGrouping
{
    None,
    Definition,
    AgentVersion,
}
