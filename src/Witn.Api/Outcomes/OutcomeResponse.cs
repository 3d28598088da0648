using Witn.Abstractions.Outcomes;
using Witn.Domain.Definitions;

namespace Witn.Api.Outcomes;

/// <summary>A definition: its status (for all of its versions) and its latest version.</summary>
public sealed record OutcomeResponse(string Name, string Status, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, VersionResponse Latest)
{
    public static OutcomeResponse From(DefinitionInfo d) =>
        new(d.Name, DefinitionStatuses.ToName(d.Status), d.Latest.Version, d.CreatedAt, d.UpdatedAt, VersionResponse.From(d.Latest));
}
