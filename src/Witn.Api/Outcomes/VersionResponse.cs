using System.Text.Json;
using Witn.Abstractions.Outcomes;
using Witn.Domain.Definitions;

namespace Witn.Api.Outcomes;

/// <summary>One immutable version: <c>definition</c> is the canonical form (what the hash covers), <c>source</c> the text as sent.</summary>
public sealed record VersionResponse(
    string Name,
    int Version,
    string ContentHash,
    DateTimeOffset PublishedAt,
    IReadOnlyList<string> ListenedTypes,
    string SourceFormat,
    string Source,
    JsonElement Definition)
{
    public static VersionResponse From(DefinitionVersionInfo v) =>
        new(v.Name, v.Version, v.ContentHash, v.PublishedAt, v.ListenedTypes, v.SourceFormat == DefinitionFormat.Json ? "json" : "yaml",
            v.SourceText, JsonDocument.Parse(v.CanonicalJson).RootElement.Clone());
}
