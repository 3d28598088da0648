using Witn.Domain.Quality;

namespace Witn.Api.Quality;

/// <summary>
/// One rate of two agent versions side by side (docs/quality.md#compare): each side's counts, the difference
/// (second − first), the pooled two-proportion z statistic and two-sided p-value (null without data on a side),
/// whether each side has enough data for the test, and whether the difference is beyond noise (p &lt; 0.05 with enough data).
/// </summary>
public sealed record QualityComparisonResponse(
    string Figure,
    QualityProportionResponse First,
    QualityProportionResponse Second,
    decimal? Difference,
    double? Z,
    double? PValue,
    bool EnoughData,
    bool BeyondNoise)
{
    public static QualityComparisonResponse From(QualityFigure figure, ProportionComparison c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(
            QualityFigures.Name(figure),
            new(c.FirstPart, c.FirstWhole, QualityRates.Rate(c.FirstPart, c.FirstWhole)),
            new(c.SecondPart, c.SecondWhole, QualityRates.Rate(c.SecondPart, c.SecondWhole)),
            c.Difference,
            c.Z is { } z ? Math.Round(z, 4) : null,
            c.PValue is { } p ? Math.Round(p, 6) : null,
            c.EnoughData,
            c.BeyondNoise);
    }
}
