using Witn.Abstractions.Outcomes;
using Witn.Domain.Definitions;

namespace Witn.Api.Outcomes;

/// <summary>
/// A definition: its status (for all of its versions), its latest version, and <c>active_from</c>, the boundary a
/// promotion from shadow set (outcomes that started earlier are never billed; null: none).
/// </summary>
public sealed record OutcomeResponse(string Name, string Status, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, VersionResponse Latest, DateTimeOffset? ActiveFrom)
{
    public static OutcomeResponse From(DefinitionInfo d) =>
        new(d.Name, DefinitionStatuses.ToName(d.Status), d.Latest.Version, d.CreatedAt, d.UpdatedAt, VersionResponse.From(d.Latest), d.ActiveFrom);
}
