using Witn.Domain.Definitions;

namespace Witn.Storage.Outcomes;

/// <summary>What a publish stores; the caller has validated and canonicalized it (the store trusts the hash).</summary>
public sealed record NewDefinitionVersion(
    string Name,
    string ContentHash,
    string CanonicalJson,
    IReadOnlyList<string> ListenedTypes,
    string SourceText,
    DefinitionFormat SourceFormat);
