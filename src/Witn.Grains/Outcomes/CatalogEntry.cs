using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;

namespace Witn.Grains.Outcomes;

/// <summary>
/// A definition as this silo knows it: status, latest version, and that version compiled (shared, thread-safe).
/// <see cref="ActiveFrom"/> is the boundary a promotion from shadow set (<see cref="DefinitionBilling"/>).
/// </summary>
public sealed record CatalogEntry(
    string Name,
    DefinitionStatus Status,
    int Version,
    long Revision,
    string ContentHash,
    DateTimeOffset PublishedAt,
    CompiledDefinition Definition,
    DateTimeOffset? ActiveFrom = null)
{
    /// <summary>Active and shadow definitions are evaluated; only active ones are billed.</summary>
    public bool IsRouted => DefinitionStatuses.IsRouted(Status);
}
