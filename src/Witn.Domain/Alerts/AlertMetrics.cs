using Witn.Domain.Quality;

namespace Witn.Domain.Alerts;

/// <summary>The one place that names each <see cref="AlertMetric"/> on the wire and says how it is measured.</summary>
public static class AlertMetrics
{
    private static readonly (AlertMetric Metric, string Name)[] Names =
    [
        (AlertMetric.ConversionRate, "conversion_rate"),
        (AlertMetric.VoidRate, "void_rate"),
        (AlertMetric.ReviewRate, "review_rate"),
        (AlertMetric.DisputeRate, "dispute_rate"),
        (AlertMetric.CreditRate, "credit_rate"),
        (AlertMetric.DuplicateSuppressionRate, "duplicate_suppression_rate"),
        (AlertMetric.EvidenceCompleteness, "evidence_completeness"),
        (AlertMetric.ConflictRate, "conflict_rate"),
        (AlertMetric.EvidenceIncomplete, "evidence_incomplete"),
        (AlertMetric.BillableCompletions, "billable_completions"),
        (AlertMetric.OutcomesOpened, "outcomes_opened"),
        (AlertMetric.Conflicts, "conflicts"),
        (AlertMetric.UnpricedCharges, "unpriced_charges"),
        (AlertMetric.Disputes, "disputes"),
        (AlertMetric.SettlementBacklog, "settlement_backlog"),
        (AlertMetric.WebhookDeadLetters, "webhook_dead_letters"),
        (AlertMetric.ReconciliationMismatches, "reconciliation_mismatches"),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    public static string Name(AlertMetric metric) => Names.First(n => n.Metric == metric).Name;

    public static bool TryParse(string? name, out AlertMetric metric)
    {
        foreach (var (m, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                metric = m;
                return true;
            }
        }

        metric = default;
        return false;
    }

    /// <summary>Counted now rather than per day of the quality cohorts.</summary>
    public static bool IsInstant(AlertMetric metric) => metric is AlertMetric.SettlementBacklog or AlertMetric.WebhookDeadLetters or AlertMetric.ReconciliationMismatches;

    /// <summary>A share in [0, 1] rather than a count.</summary>
    public static bool IsRate(AlertMetric metric) => metric <= AlertMetric.ConflictRate;

    /// <summary>
    /// The value of a daily metric over <paramref name="counts"/> and its volume (the rate's whole; for a count, the
    /// whole it is taken from), or a null value when there is no whole. Rates follow <see cref="QualityRates"/>.
    /// </summary>
    public static (decimal? Value, long Volume) Measure(AlertMetric metric, QualityCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return metric switch
        {
            AlertMetric.ConversionRate => Of(counts, QualityFigure.Conversion),
            AlertMetric.VoidRate => Of(counts, QualityFigure.Void),
            AlertMetric.ReviewRate => Of(counts, QualityFigure.Review),
            AlertMetric.DisputeRate => Of(counts, QualityFigure.Dispute),
            AlertMetric.CreditRate => Of(counts, QualityFigure.Credit),
            AlertMetric.DuplicateSuppressionRate => Of(counts, QualityFigure.DuplicateSuppression),
            AlertMetric.EvidenceCompleteness => Of(counts, QualityFigure.EvidenceCompleteness),
            AlertMetric.ConflictRate => (QualityRates.Rate(counts.Conflicts, counts.EventsReceived), counts.EventsReceived),
            AlertMetric.EvidenceIncomplete => (counts.Charges - counts.EvidenceComplete, counts.Charges),
            AlertMetric.BillableCompletions => (counts.Settled, counts.Opened),
            AlertMetric.OutcomesOpened => (counts.Opened, counts.Opened),
            AlertMetric.Conflicts => (counts.Conflicts, counts.EventsReceived),
            AlertMetric.UnpricedCharges => (counts.UnpricedCharges, counts.Charges),
            AlertMetric.Disputes => (counts.Disputes, counts.Charges),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "an instant metric is counted, not read from the quality counters"),
        };
    }

    /// <summary>
    /// The smallest spread a deviation is measured against, so a flat history (MAD 0) does not make every wobble a
    /// breach: one percentage point for a rate, one for a count.
    /// </summary>
    public static decimal Unit(AlertMetric metric) => IsRate(metric) ? 0.01m : 1m;

    private static (decimal? Value, long Volume) Of(QualityCounts counts, QualityFigure figure)
    {
        var (part, whole) = QualityFigures.Of(counts, figure);
        return (QualityRates.Rate(part, whole), whole);
    }
}
