using Witn.Domain.Common;
using Witn.Domain.Evaluation;

namespace Witn.Domain.Contracts;

/// <summary><c>unit_price</c> per outcome, with optional overrides by dimension value (<c>by</c>), in document order.</summary>
public sealed record FlatPrice(string Outcome, decimal UnitPrice, ValueArray<PriceOverride> By, decimal? MaxPerPeriod)
    : OutcomePrice(Outcome, MaxPerPeriod)
{
    /// <summary>The first override whose path has the matching dimension value, else <see cref="UnitPrice"/>.</summary>
    public decimal UnitPriceFor(IReadOnlyList<DimensionValue> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        foreach (var o in By)
        {
            foreach (var d in dimensions)
            {
                if (string.Equals(d.Path, o.Path, StringComparison.Ordinal) && string.Equals(d.Value, o.Value, StringComparison.Ordinal))
                {
                    return o.UnitPrice;
                }
            }
        }

        return UnitPrice;
    }
}
