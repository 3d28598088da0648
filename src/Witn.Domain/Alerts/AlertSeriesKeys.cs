using Witn.Domain.Quality;

namespace Witn.Domain.Alerts;

/// <summary>
/// The key of one series of a rule: '' without a grouping, else the definition, the agent id, or the agent id and
/// version joined by a line feed (a stored key column cannot be null, and neither part is ever empty when grouped).
/// </summary>
public static class AlertSeriesKeys
{
    public static string Of(QualityGrouping by, string? definition, string? agent, string? version) => by switch
    {
        QualityGrouping.Definition => definition ?? "",
        QualityGrouping.Agent => agent ?? "",
        QualityGrouping.AgentVersion => $"{agent}\n{version}",
        _ => "",
    };

    /// <summary>The parts of <paramref name="key"/> under <paramref name="by"/>; '' reads as "none" (no agent).</summary>
    public static (string? Definition, string? Agent, string? Version) Parts(QualityGrouping by, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        switch (by)
        {
            case QualityGrouping.Definition:
                return (key, null, null);
            case QualityGrouping.Agent:
                return (null, key, null);
            case QualityGrouping.AgentVersion:
                var cut = key.IndexOf('\n', StringComparison.Ordinal);
                return cut < 0 ? (null, key, "") : (null, key[..cut], key[(cut + 1)..]);
            default:
                return (null, null, null);
        }
    }
}
