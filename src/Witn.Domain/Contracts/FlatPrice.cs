using Witn.Domain.Common;
using Witn.Domain.Evaluation;

namespace Witn.Domain.Contracts;

/// <summary><c>unit_price</c> per outcome, with optional overrides by the value of one dimension (<c>by</c>).</summary>
public sealed record FlatPrice(string Outcome, decimal UnitPrice, ValueArray<PriceOverride> By, decimal? MaxPerPeriod)
    : OutcomePrice(Outcome, MaxPerPeriod)
{
    /// <summary>The override whose dimension has the charge's value, else <see cref="UnitPrice"/>.</summary>
    public decimal UnitPriceFor(IReadOnlyList<DimensionValue> dimensions) => OverrideFor(dimensions)?.UnitPrice ?? UnitPrice;

    /// <summary>The <c>by</c> override whose dimension has the charge's value, or null (the plain unit price).</summary>
    public PriceOverride? OverrideFor(IReadOnlyList<DimensionValue> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        foreach (var o in By)
        {
            foreach (var d in dimensions)
            {
                if (string.Equals(d.Path, o.Path, StringComparison.Ordinal) && string.Equals(d.Value, o.Value, StringComparison.Ordinal))
                {
                    return o;
                }
            }
        }

        return null;
    }
}
