using System.Text.Json;
using Witn.Abstractions.Contracts;
using Witn.Domain.Definitions;

namespace Witn.Api.Contracts;

/// <summary>One immutable contract version: <c>contract</c> is the canonical form, <c>source</c> the text as sent.</summary>
public sealed record ContractVersionResponse(
    string TenantId,
    int Version,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset CreatedAt,
    string Currency,
    string SourceFormat,
    string Source,
    JsonElement Contract)
{
    public static ContractVersionResponse From(ContractVersionInfo v) =>
        new(v.TenantId, v.Version, v.EffectiveFrom, v.CreatedAt, v.Currency, v.Format == DefinitionFormat.Json ? "json" : "yaml",
            v.Source, JsonDocument.Parse(v.CanonicalJson).RootElement.Clone());
}
