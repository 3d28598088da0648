using Witn.Domain.Definitions;

namespace Witn.Storage.Contracts;

/// <summary>What an append stores; the caller has validated the contract (the store numbers the version and stamps the time).</summary>
public sealed record NewContractVersion(
    string TenantId,
    DateTimeOffset EffectiveFrom,
    DefinitionFormat Format,
    string Source,
    string CanonicalJson,
    string Currency);
