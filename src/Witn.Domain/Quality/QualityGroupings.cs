namespace Witn.Domain.Quality;

/// <summary>The one place that names each <see cref="QualityGrouping"/> on the wire (the quality API's and alert rules' <c>by</c>).</summary>
public static class QualityGroupings
{
    /// <summary>The wire name; null for <see cref="QualityGrouping.None"/>, which is "by left out".</summary>
    public static string? Name(QualityGrouping by) => by switch
    {
        QualityGrouping.Definition => "definition",
        QualityGrouping.Agent => "agent",
        QualityGrouping.AgentVersion => "agent_version",
        _ => null,
    };

    /// <summary>The grouping a <c>by</c> names (null text: none); null for a name that is not one.</summary>
    public static QualityGrouping? Parse(string? text) => text switch
    {
        null => QualityGrouping.None,
        "definition" => QualityGrouping.Definition,
        "agent" => QualityGrouping.Agent,
        "agent_version" => QualityGrouping.AgentVersion,
        _ => null,
    };
}
