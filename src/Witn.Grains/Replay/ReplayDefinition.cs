using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;

namespace Witn.Grains.Replay;

/// <summary>
/// One definition as replay sees it: its versions with when each was published (an outcome pins the version that
/// was latest when its first event arrived), its status, and a candidate version when the simulation has one.
/// </summary>
public sealed class ReplayDefinition(
    string name, DefinitionStatus status, DateTimeOffset? activeFrom, IReadOnlyList<(CompiledDefinition Definition, DateTimeOffset PublishedAt)> versions, CompiledDefinition? candidate)
{
    public string Name => name;

    public CompiledDefinition? Candidate => candidate;

    /// <summary>Whether an outcome whose first event is at <paramref name="firstEventAt"/> bills: the live grain's own rule.</summary>
    public bool Billable(DateTimeOffset firstEventAt) => DefinitionBilling.Billable(status, activeFrom, firstEventAt);

    /// <summary>When the first version was published: events the log took before were never routed to it.</summary>
    public DateTimeOffset? Published => versions.Count == 0 ? null : versions[0].PublishedAt;

    /// <summary>The version that routes events to outcomes (the latest, or the candidate for a new definition).</summary>
    public CompiledDefinition Router => versions.Count > 0 ? versions[^1].Definition : candidate!;

    /// <summary>Every type any version (or the candidate) listens to.</summary>
    public IReadOnlyList<string> Types { get; } = [.. versions.SelectMany(v => v.Definition.ListenedTypes).Concat(candidate?.ListenedTypes ?? []).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The version an outcome whose first event arrived at <paramref name="real"/> pinned, and its number; null when
    /// none existed yet. By number: two versions of the same content share one compiled definition.
    /// </summary>
    public (CompiledDefinition Definition, int Version)? VersionAt(DateTimeOffset real)
    {
        (CompiledDefinition, int)? pinned = null;
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].PublishedAt <= real)
            {
                pinned = (versions[i].Definition, i + 1);
            }
        }

        return pinned;
    }
}
