namespace Witn.Domain.Alerts;

/// <summary>
/// What an alert rule watches (docs/alerts.md). The daily ones are read from the quality counters per UTC day of the
/// outcomes' first event (a cohort); the instant ones are counted at the moment of evaluation.
/// </summary>
public enum AlertMetric
{
    ConversionRate,
    VoidRate,
    ReviewRate,
    DisputeRate,
    CreditRate,
    DuplicateSuppressionRate,
    EvidenceCompleteness,
    ConflictRate,
    EvidenceIncomplete,
    BillableCompletions,
    OutcomesOpened,
    Conflicts,
    UnpricedCharges,
    Disputes,
    SettlementBacklog,
    WebhookDeadLetters,
    ReconciliationMismatches,
}
