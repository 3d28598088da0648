using Witn.Domain.Definitions;

namespace Witn.Storage.Outcomes;

/// <summary>
/// One definition's row: its status and which version is the latest. <see cref="Revision"/> grows with every change.
/// <see cref="ActiveFrom"/>: the boundary a promotion from shadow set (outcomes with an earlier first event are never
/// billed); null for every other definition.
/// </summary>
public sealed record DefinitionRow(
    string Name, DefinitionStatus Status, int LatestVersion, long Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ActiveFrom = null);
