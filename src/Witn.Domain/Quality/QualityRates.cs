namespace Witn.Domain.Quality;

/// <summary>The one rule for a quality rate: part / whole to four decimals (half away from zero), null without a whole.</summary>
public static class QualityRates
{
    public static decimal? Rate(long part, long whole) =>
        whole <= 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
