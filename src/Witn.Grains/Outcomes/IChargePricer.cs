using Witn.Domain.Evaluation;
using Witn.Domain.Settlement;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Prices a charge by the tenant's contract in force at the outcome's first event, or — once the outcome has been
/// charged — by the contract version of its first charge (<paramref name="pinnedBy"/>), as the first event pins
/// the definition version: a contract put later never re-prices an outcome already billed.
/// </summary>
public interface IChargePricer
{
    Task<ChargePricing> PriceAsync(
        string tenantId, string outcome, DateTimeOffset firstEventAt, IReadOnlyList<DimensionValue> dimensions, decimal? value, ChargeTerms? pinnedBy = null);
}
