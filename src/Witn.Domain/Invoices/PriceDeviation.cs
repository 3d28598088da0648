namespace Witn.Domain.Invoices;

/// <summary>
/// How far a shadow figure is from the live one, and whether that is beyond a promotion threshold: the shadow
/// comparison reports it and a promotion is refused on it, so both read the same rule.
/// </summary>
public static class PriceDeviation
{
    /// <summary>
    /// (shadow − live) / live in percent, rounded half away from zero to two decimals; 0 when both are 0; null when
    /// only the live side is 0 (any change from nothing is no finite percentage).
    /// </summary>
    public static decimal? Percent(decimal live, decimal shadow)
    {
        if (live == 0)
        {
            return shadow == 0 ? 0m : null;
        }

        return Math.Round((shadow - live) / Math.Abs(live) * 100m, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// True when the deviation is beyond <paramref name="maxPercent"/> either way; a deviation with no finite
    /// percentage (<see cref="Percent"/> null) is beyond every threshold.
    /// </summary>
    public static bool Exceeds(decimal live, decimal shadow, decimal maxPercent) =>
        Percent(live, shadow) is not { } percent || Math.Abs(percent) > maxPercent;
}
