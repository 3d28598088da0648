namespace Witn.Domain.Quality;

/// <summary>
/// The pooled two-proportion z-test: are two rates (say, conversion of agent versions 3.1 and 3.2) different beyond
/// what chance gives at these volumes? z = (p₂ − p₁) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)) with p̂ the pooled rate; the
/// p-value is two-sided from the standard normal. A difference is beyond noise at p &lt; 0.05 when the normal
/// approximation holds (n·p̂ ≥ 5 and n·(1 − p̂) ≥ 5 on both sides); with fewer, it is never called beyond noise.
/// </summary>
public static class TwoProportionTest
{
    public const double Alpha = 0.05;

    /// <summary>The smallest expected count of each kind on each side for the normal approximation.</summary>
    public const double MinExpected = 5;

    public static ProportionComparison Compare(long firstPart, long firstWhole, long secondPart, long secondWhole)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstPart);
        ArgumentOutOfRangeException.ThrowIfNegative(secondPart);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstPart, Math.Max(firstWhole, 0));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(secondPart, Math.Max(secondWhole, 0));
        if (firstWhole == 0 || secondWhole == 0)
        {
            return new(firstPart, firstWhole, secondPart, secondWhole, null, null, null, false, false);
        }

        var (p1, p2) = ((double)firstPart / firstWhole, (double)secondPart / secondWhole);
        var difference = QualityRates.Rate(secondPart, secondWhole) - QualityRates.Rate(firstPart, firstWhole);
        var pooled = (double)(firstPart + secondPart) / (firstWhole + secondWhole);
        var enough = Math.Min(firstWhole, secondWhole) * Math.Min(pooled, 1 - pooled) >= MinExpected;
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / firstWhole) + (1.0 / secondWhole)));
        if (se == 0)
        {
            // Both sides all one kind: the same rate, nothing to test.
            return new(firstPart, firstWhole, secondPart, secondWhole, difference, 0, 1, enough, false);
        }

        var z = (p2 - p1) / se;
        var p = TwoSidedP(z);
        return new(firstPart, firstWhole, secondPart, secondWhole, difference, z, p, enough, enough && p < Alpha);
    }

    /// <summary>P(|Z| ≥ |z|) for a standard normal Z: erfc(|z| / √2).</summary>
    public static double TwoSidedP(double z) => Math.Min(1, Erfc(Math.Abs(z) / Math.Sqrt(2)));

    // The complementary error function by its Chebyshev fit (fractional error below 1.2e-7 everywhere), enough for a
    // p-value compared with 0.05.
    private static double Erfc(double x)
    {
        var t = 1 / (1 + (0.5 * Math.Abs(x)));
        var poly = -x * x - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806 +
            (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var r = t * Math.Exp(poly);
        return x >= 0 ? r : 2 - r;
    }
}
