namespace Witn.Domain.Quality;

/// <summary>What the quality figures are grouped by: nothing (one group), definition, agent id, or agent id and version.</summary>
public enum QualityGrouping
{
    None,
    Definition,
    Agent,
    AgentVersion,
}
