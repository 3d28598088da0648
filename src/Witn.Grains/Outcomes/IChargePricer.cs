using Witn.Domain.Evaluation;

namespace Witn.Grains.Outcomes;

/// <summary>Prices a charge by the tenant's contract in force at the outcome's first event.</summary>
public interface IChargePricer
{
    Task<ChargePricing> PriceAsync(string tenantId, string outcome, DateTimeOffset firstEventAt, IReadOnlyList<DimensionValue> dimensions, decimal? value);
}
