using Witn.Abstractions.Contracts;
using Witn.Domain.Contracts;
using Witn.Storage.Contracts;

namespace Witn.Grains.Contracts;

/// <summary>Storage rows and domain errors to wire contracts.</summary>
internal static class ContractMapping
{
    public static ContractVersionInfo ToInfo(ContractRow r) =>
        new(r.TenantId, r.Version, r.EffectiveFrom, r.CreatedAt, r.Currency, r.Format, r.Source, r.CanonicalJson);

    public static ContractProblem ToProblem(ContractError e) => new(e.Path, e.Line, e.Column, e.Message, e.Hint);
}
