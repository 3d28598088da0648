using Witn.Domain.Definitions;

namespace Witn.Abstractions.Outcomes;

/// <summary>One immutable version: the canonical JSON its hash covers, the types it listens to, and the source text as sent.</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.definition-version-info")]
public sealed record DefinitionVersionInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] int Version,
    [property: Id(2)] string ContentHash,
    [property: Id(3)] string CanonicalJson,
    [property: Id(4)] string[] ListenedTypes,
    [property: Id(5)] string SourceText,
    [property: Id(6)] DefinitionFormat SourceFormat,
    [property: Id(7)] DateTimeOffset PublishedAt);
