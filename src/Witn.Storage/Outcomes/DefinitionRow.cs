using Witn.Domain.Definitions;

namespace Witn.Storage.Outcomes;

/// <summary>One definition's row: its status and which version is the latest. <see cref="Revision"/> grows with every change.</summary>
public sealed record DefinitionRow(string Name, DefinitionStatus Status, int LatestVersion, long Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
