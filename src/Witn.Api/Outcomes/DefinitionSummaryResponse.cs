using Witn.Abstractions.Outcomes;
using Witn.Domain.Definitions;

namespace Witn.Api.Outcomes;

/// <summary>
/// A definition as <c>GET /v1/outcomes</c> lists it: status and what its latest version is, without the source text
/// and canonical form (those are on <c>GET /v1/outcomes/{name}</c>), so a page stays small however long definitions grow.
/// </summary>
public sealed record DefinitionSummaryResponse(
    string Name,
    string Status,
    int LatestVersion,
    string ContentHash,
    DateTimeOffset PublishedAt,
    IReadOnlyList<string> ListenedTypes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Href)
{
    public static DefinitionSummaryResponse From(DefinitionInfo d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Name, DefinitionStatuses.ToName(d.Status), d.Latest.Version, d.Latest.ContentHash, d.Latest.PublishedAt, d.Latest.ListenedTypes,
            d.CreatedAt, d.UpdatedAt, $"/v1/outcomes/{d.Name}");
    }
}
