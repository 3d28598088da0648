using Witn.Domain.Definitions;

namespace Witn.Abstractions.Outcomes;

/// <summary>A definition: its status (for all versions), its latest version, and the boundary a promotion from shadow set.</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.definition-info")]
public sealed record DefinitionInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] DefinitionStatus Status,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] DefinitionVersionInfo Latest,
    [property: Id(5)] DateTimeOffset? ActiveFrom = null);
