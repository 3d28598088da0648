namespace Witn.Domain.Quality;

/// <summary>The one place that says which counts make each rate of <see cref="QualityFigure"/>, and its name on the wire.</summary>
public static class QualityFigures
{
    public static IReadOnlyList<QualityFigure> All { get; } = Enum.GetValues<QualityFigure>();

    public static (long Part, long Whole) Of(QualityCounts counts, QualityFigure figure)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return figure switch
        {
            // Settled / opened: how many of the outcomes opened became billable.
            QualityFigure.Conversion => (counts.Settled, counts.Opened),
            // Of what qualified, how much a reversal took back inside the window, and how much needed a person.
            QualityFigure.Void => (counts.Voided, counts.Qualified),
            QualityFigure.Review => (counts.InReview, counts.Qualified),
            // Charges with at least one dispute, with at least one credit, with complete evidence, of all charges.
            QualityFigure.Dispute => (counts.DisputedCharges, counts.Charges),
            QualityFigure.Credit => (counts.CreditedCharges, counts.Charges),
            QualityFigure.DuplicateSuppression => (counts.Duplicates, counts.EventsReceived),
            QualityFigure.EvidenceCompleteness => (counts.EvidenceComplete, counts.Charges),
            _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "unknown figure"),
        };
    }

    public static string Name(QualityFigure figure) => figure switch
    {
        QualityFigure.Conversion => "conversion_rate",
        QualityFigure.Void => "void_rate",
        QualityFigure.Review => "review_rate",
        QualityFigure.Dispute => "dispute_rate",
        QualityFigure.Credit => "credit_rate",
        QualityFigure.DuplicateSuppression => "duplicate_suppression_rate",
        QualityFigure.EvidenceCompleteness => "evidence_completeness",
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "unknown figure"),
    };
}
