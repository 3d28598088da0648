using Witn.Domain.Common;
using Witn.Domain.Contracts;
using Witn.Domain.Money;

namespace Witn.Domain.Invoices;

/// <summary>
/// The one place tiers are rated, for outcomes and meters alike. Tier i covers the quantities above the previous
/// tier's <c>up_to</c> up to and including its own (the last tier is open). Graduated: each tier with units is one
/// slice. Volume: one slice, every unit at the tier the whole quantity falls in. Each slice is rounded on its own.
/// </summary>
public static class TierRating
{
    public static ValueArray<TierSlice> Slices(TierMode mode, IReadOnlyList<PriceTier> tiers, decimal quantity, string currency)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (quantity <= 0)
        {
            return [];
        }

        if (mode == TierMode.Volume)
        {
            var index = IndexOf(tiers, quantity);
            var price = tiers[index].UnitPrice;
            return [new TierSlice(index + 1, 0, quantity, price, Currencies.Round(quantity * price, currency))];
        }

        var slices = new List<TierSlice>();
        var before = 0m;
        for (var i = 0; i < tiers.Count && before < quantity; i++)
        {
            var upTo = Math.Min(quantity, tiers[i].UpTo ?? quantity);
            var units = upTo - before;
            if (units > 0)
            {
                slices.Add(new TierSlice(i + 1, before, units, tiers[i].UnitPrice, Currencies.Round(units * tiers[i].UnitPrice, currency)));
                before = upTo;
            }
        }

        return before < quantity ? throw new ArgumentException("the last tier must be open (no up_to)", nameof(tiers)) : [.. slices];
    }

    /// <summary>The sum of the slices' (rounded) amounts.</summary>
    public static decimal Total(TierMode mode, IReadOnlyList<PriceTier> tiers, decimal quantity, string currency) =>
        Slices(mode, tiers, quantity, currency).Sum(s => s.Amount);

    // The tier the quantity falls in: the first whose up_to reaches it, else the open last tier.
    private static int IndexOf(IReadOnlyList<PriceTier> tiers, decimal quantity)
    {
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i].UpTo is not { } upTo || quantity <= upTo)
            {
                return i;
            }
        }

        throw new ArgumentException("the last tier must be open (no up_to)", nameof(tiers));
    }
}
