using Witn.Domain.Definitions;

namespace Witn.Storage.Contracts;

/// <summary>One immutable contract version as stored: the text the author sent and its canonical JSON. Compares by value.</summary>
public sealed record ContractRow(
    string TenantId,
    int Version,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset CreatedAt,
    DefinitionFormat Format,
    string Source,
    string CanonicalJson,
    string Currency);
