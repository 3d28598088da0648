namespace Witn.Domain.Definitions;

/// <summary>One immutable, numbered version of a definition (versions count from 1).</summary>
public sealed record DefinitionVersion(string Name, int Version, string ContentHash, OutcomeDefinition Definition, DateTimeOffset PublishedAt);
