using CsCheck;
using Witn.Domain.Evaluation;
using Witn.Domain.Quality;

namespace Witn.Domain.Tests.Quality;

/// <summary>Quality rates and the reached-status mask they are counted with.</summary>
public sealed class QualityRatesTests
{
    [Fact]
    public void a_rate_is_part_over_whole_to_four_decimals_and_null_without_a_whole()
    {
        Assert.Null(QualityRates.Rate(0, 0));
        Assert.Equal(0.6667m, QualityRates.Rate(2, 3));
        Assert.Equal(0.0001m, QualityRates.Rate(1, 19999)); // 0.00005000… rounds away from zero
        Assert.Equal(1m, QualityRates.Rate(7, 7));
    }

    [Fact]
    public void a_rate_of_a_part_of_its_whole_lies_between_zero_and_one()
    {
        Gen.Long[1, long.MaxValue / 2].SelectMany(w => Gen.Long[0, w].Select(p => (p, w))).Sample(t =>
            Assert.InRange(QualityRates.Rate(t.p, t.w)!.Value, 0m, 1m));
    }

    [Fact]
    public void each_figure_names_its_part_and_whole_and_a_rate_follows_them()
    {
        var counts = new QualityCounts(10, 8, 2, 5, 1, 2, 1, 1, 6, 1, 4, 2, 3, 1, 2, 100, 7, 3);

        Assert.Equal(0.5m, counts.Rate(QualityFigure.Conversion));
        Assert.Equal(0.125m, counts.Rate(QualityFigure.Void));
        Assert.Equal(0.25m, counts.Rate(QualityFigure.Review));
        Assert.Equal(0.1667m, counts.Rate(QualityFigure.Dispute));
        Assert.Equal(0.3333m, counts.Rate(QualityFigure.Credit));
        Assert.Equal(0.07m, counts.Rate(QualityFigure.DuplicateSuppression));
        Assert.Equal(0.6667m, counts.Rate(QualityFigure.EvidenceCompleteness));
        Assert.Equal(QualityFigures.All.Count, QualityFigures.All.Select(QualityFigures.Name).Distinct().Count());
    }

    [Fact]
    public void a_status_reaches_the_statuses_it_passes_through()
    {
        Assert.Equal(0, QualityReached.Of(OutcomeStatus.Open));
        Assert.Equal(QualityReached.Qualified | QualityReached.Settled, QualityReached.Of(OutcomeStatus.Settled));
        Assert.Equal(QualityReached.Qualified | QualityReached.Settled | QualityReached.Reversed, QualityReached.Of(OutcomeStatus.Reversed));
        Assert.Equal(QualityReached.Qualified | QualityReached.InReview | QualityReached.Rejected, QualityReached.Of(OutcomeStatus.Rejected));
        Assert.Equal(QualityReached.Expired, QualityReached.Of("expired"));
        Assert.Equal(0, QualityReached.Of("no such status"));
        // Every status but open and expired has been qualified.
        foreach (var s in Enum.GetValues<OutcomeStatus>().Where(s => s is not (OutcomeStatus.Open or OutcomeStatus.Expired)))
        {
            Assert.NotEqual(0, QualityReached.Of(s) & QualityReached.Qualified);
        }
    }
}
