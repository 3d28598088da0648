using Witn.Abstractions.Contracts;

namespace Witn.Api.Contracts;

/// <summary>The answer to a put: the version just stored and the warnings about it (e.g. a price for an outcome no definition has yet).</summary>
public sealed record ContractStoredResponse(
    string TenantId,
    int Version,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset CreatedAt,
    string Currency,
    IReadOnlyList<ContractErrorResponse> Warnings)
{
    public static ContractStoredResponse From(ContractVersionInfo v, IEnumerable<ContractProblem> warnings) =>
        new(v.TenantId, v.Version, v.EffectiveFrom, v.CreatedAt, v.Currency, [.. warnings.Select(ContractErrorResponse.From)]);
}
