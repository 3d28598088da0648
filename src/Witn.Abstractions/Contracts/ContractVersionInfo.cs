using Witn.Domain.Definitions;

namespace Witn.Abstractions.Contracts;

/// <summary>
/// One immutable contract version of a tenant: when it takes effect, its currency, the source text as sent and its
/// canonical JSON. Consumers get the <c>Contract</c> back with <c>ContractParser</c> (or a cached book in the silo).
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.contracts.contract-version-info")]
public sealed record ContractVersionInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] int Version,
    [property: Id(2)] DateTimeOffset EffectiveFrom,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string Currency,
    [property: Id(5)] DefinitionFormat Format,
    [property: Id(6)] string Source,
    [property: Id(7)] string CanonicalJson);
