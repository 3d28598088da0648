namespace Witn.Domain.Quality;

/// <summary>
/// A set of quality cells' counters summed (docs/quality.md). Outcome counts are of outcomes opened in the cells
/// that ever reached each status; charge, credit and dispute counts are of those outcomes' ledger rows; event counts
/// are of events received (by event day and agent) before routing.
/// </summary>
public sealed record QualityCounts(
    long Opened,
    long Qualified,
    long InReview,
    long Settled,
    long Voided,
    long Expired,
    long Rejected,
    long Reversed,
    long Charges,
    long UnpricedCharges,
    long EvidenceComplete,
    long CreditedCharges,
    long Credits,
    long DisputedCharges,
    long Disputes,
    long EventsReceived,
    long Duplicates,
    long Conflicts)
{
    public static QualityCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The rate <paramref name="figure"/> of these counts (<see cref="QualityFigures"/>); null without a whole.</summary>
    public decimal? Rate(QualityFigure figure)
    {
        var (part, whole) = QualityFigures.Of(this, figure);
        return QualityRates.Rate(part, whole);
    }
}
