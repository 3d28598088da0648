using Witn.Domain.Common;
using Witn.Domain.Definitions;

namespace Witn.Storage.Outcomes;

/// <summary>One immutable version as stored: the canonical JSON the hash covers, and the text the author sent. Compares by value.</summary>
public sealed record DefinitionVersionRow(
    string Name,
    int Version,
    string ContentHash,
    string CanonicalJson,
    ValueArray<string> ListenedTypes,
    string SourceText,
    DefinitionFormat SourceFormat,
    DateTimeOffset PublishedAt);
