namespace Witn.Domain.Quality;

/// <summary>
/// Two proportions side by side (<see cref="TwoProportionTest"/>): each side's part and whole, the difference
/// (second − first, null unless both have a whole), the z statistic and two-sided p-value (null when there is no
/// test: a side without a whole), whether the normal approximation holds (each side expects at least five of both
/// kinds under the pooled rate) and whether the difference is beyond noise (it holds and p &lt; 0.05).
/// </summary>
public sealed record ProportionComparison(
    long FirstPart,
    long FirstWhole,
    long SecondPart,
    long SecondWhole,
    decimal? Difference,
    double? Z,
    double? PValue,
    bool EnoughData,
    bool BeyondNoise);
