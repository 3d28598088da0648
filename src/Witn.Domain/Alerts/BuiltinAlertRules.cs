using Witn.Domain.Quality;

namespace Witn.Domain.Alerts;

/// <summary>
/// The rules every tenant has without asking (docs/alerts.md#built-in-rules): each watches every tenant on its own.
/// An admin key may replace one (PUT with its name) or turn it off (<c>"enabled": false</c>); these are the defaults.
/// </summary>
public static class BuiltinAlertRules
{
    private static readonly DeviationCondition Rise = new(28, true, 3m, AlertDirection.Above);
    private static readonly DeviationCondition Drop = new(28, true, 3m, AlertDirection.Below);
    private static readonly ThresholdCondition AboveZero = new(AlertDirection.Above, 0m);

    public static IReadOnlyList<AlertRule> All { get; } =
    [
        Rule("evidence-incomplete", AlertMetric.EvidenceIncomplete, AboveZero, minVolume: 1, evaluateAfter: null),
        // Conflicts are counted at ingest; an hour lets late events of the day arrive.
        Rule("conflict-rate-spike", AlertMetric.ConflictRate, Rise, minVolume: 100, evaluateAfter: TimeSpan.FromHours(1)),
        Rule("billable-completions-drop", AlertMetric.BillableCompletions, Drop, minVolume: 20, evaluateAfter: null),
        Rule("dispute-rate-rise", AlertMetric.DisputeRate, Rise, minVolume: 20, evaluateAfter: null),
        Rule("settlement-backlog", AlertMetric.SettlementBacklog, AboveZero, minVolume: 0, evaluateAfter: TimeSpan.Zero),
        Rule("webhook-dead-letters", AlertMetric.WebhookDeadLetters, AboveZero, minVolume: 0, evaluateAfter: TimeSpan.Zero),
        Rule("unpriced-charges", AlertMetric.UnpricedCharges, AboveZero, minVolume: 1, evaluateAfter: null),
        // What Stripe or Lago holds differs from the ledger (the latest reconciliation of each provider): never corrected by itself.
        Rule("reconciliation-mismatch", AlertMetric.ReconciliationMismatches, AboveZero, minVolume: 0, evaluateAfter: TimeSpan.Zero),
    ];

    public static AlertRule? Find(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    /// <summary>How long past due an outcome counts in the settlement backlog: reminders and sweeps take what is just due.</summary>
    public static TimeSpan BacklogSlack { get; } = TimeSpan.FromMinutes(5);

    private static AlertRule Rule(string name, AlertMetric metric, AlertCondition condition, long minVolume, TimeSpan? evaluateAfter) =>
        new(name, metric, AlertScope.Everything, QualityGrouping.None, condition, minVolume, null, evaluateAfter, TimeSpan.Zero, Enabled: true, Builtin: true);
}
