using Witn.Domain.Alerts;
using Witn.Domain.Quality;
using Witn.Grains.Outcomes;
using Witn.Storage.Alerts;
using Witn.Storage.Ledger;
using Witn.Storage.Outcomes;
using Witn.Storage.Quality;

namespace Witn.Grains.Alerts;

/// <summary>
/// Evaluates a tenant's alert rules at an instant (docs/alerts.md): reads what each rule watches, asks
/// <see cref="AlertDecisions"/> what every series does, and saves states, firings and their webhooks together.
/// Daily metrics are judged per cohort day once the day has ended and <c>evaluate_after</c> has passed, catching up
/// day by day from the last day judged, so a clock that jumps weeks judges each day in turn.
/// </summary>
public sealed class AlertEvaluator(AlertStore alerts, QualityStore quality, OutcomeStore outcomes, IDefinitionCatalog catalog, Witn.Storage.Exports.ReconciliationStore reconciliations)
{
    /// <summary>How many days one evaluation catches up at most (older days are skipped, not judged late).</summary>
    public const int MaxCatchUpDays = 62;

    /// <summary>Evaluates every enabled rule that applies to <paramref name="tenant"/>; returns how many alerts fired or resolved.</summary>
    public async Task<int> EvaluateAsync(string tenant, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var rules = AlertRuleSet.For(
                tenant,
                (await alerts.ListRulesAsync(cancellationToken)).Select(r => r.Rule),
                (await alerts.ListOverridesAsync(tenant, cancellationToken)).Select(r => r.Rule))
            .Where(r => r.Enabled && (r.Scope.Tenant is null || r.Scope.Tenant == tenant));
        var series = (await alerts.ListSeriesAsync(null, tenant, cancellationToken))
            .ToLookup(s => s.RuleName, StringComparer.Ordinal);
        var changed = 0;
        foreach (var rule in rules)
        {
            var known = series[rule.Name].ToDictionary(s => s.Series, s => s.State, StringComparer.Ordinal);
            changed += AlertMetrics.IsInstant(rule.Metric)
                ? await EvaluateInstantAsync(rule, tenant, now, known, cancellationToken)
                : await EvaluateDailyAsync(rule, tenant, now, known, cancellationToken);
        }

        return changed;
    }

    private async Task<int> EvaluateInstantAsync(
        AlertRule rule, string tenant, DateTimeOffset now, Dictionary<string, AlertSeries> known, CancellationToken cancellationToken)
    {
        var value = rule.Metric switch
        {
            AlertMetric.SettlementBacklog => await outcomes.CountDueAsync(tenant, now - BuiltinAlertRules.BacklogSlack, cancellationToken),
            AlertMetric.ReconciliationMismatches => await reconciliations.CountMismatchesAsync(tenant, cancellationToken),
            _ => await alerts.CountDeadLettersAsync(tenant, cancellationToken),
        };
        var state = known.GetValueOrDefault("") ?? AlertSeries.New;
        var reading = new AlertObservation(now, null, value, value, null, null);
        var step = AlertDecisions.Step(rule, state, reading, AlertIds.Of(rule.Name, tenant, "", AlertTransition.Triggered, now));
        if (step.Series == state)
        {
            return 0;
        }

        var history = new List<AlertHistoryRow>();
        if (step.Transition != AlertTransition.None)
        {
            var examples = rule.Metric == AlertMetric.SettlementBacklog && step.Transition == AlertTransition.Triggered
                ? (await outcomes.ListDueAsync(tenant, now - BuiltinAlertRules.BacklogSlack, 10, cancellationToken)).Select(k => new AlertExample(k.Definition, k.Correlation, null)).ToList()
                : [];
            history.Add(Entry(rule, tenant, "", step, state, reading, examples));
        }

        await alerts.SaveAsync(rule.Name, tenant, [("", step.Series)], history, cancellationToken);
        return history.Count;
    }

    private async Task<int> EvaluateDailyAsync(
        AlertRule rule, string tenant, DateTimeOffset now, Dictionary<string, AlertSeries> known, CancellationToken cancellationToken)
    {
        var delay = rule.EvaluateAfter ?? SettlementDelay(rule.Scope.Definition);
        // The latest cohort day whose end, plus the delay, has passed.
        var last = DateOnly.FromDateTime((now - delay).UtcDateTime).AddDays(-1);
        var floor = last.AddDays(-MaxCatchUpDays + 1);
        var first = known.Count == 0 ? last : Max(floor, known.Values.Min(s => s.LastDay?.AddDays(1) ?? last));
        if (first > last)
        {
            return 0;
        }

        var baselineDays = rule.Condition is DeviationCondition d ? d.BaselineDays : 0;
        var rows = await quality.QueryAsync(new QualityQuery(
            tenant, first.AddDays(-baselineDays), last.AddDays(1), rule.By, QualityInterval.Day,
            rule.Scope.Definition, rule.Scope.Agent, rule.Scope.AgentVersion is { } v ? [v] : null), cancellationToken);
        var byKey = rows
            .GroupBy(r => AlertSeriesKeys.Of(rule.By, r.Definition, r.AgentId, r.AgentVersion), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Period!.Value, r => r.Counts), StringComparer.Ordinal);
        var keys = byKey.Keys.Concat(known.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (rule.By == QualityGrouping.None && keys.Count == 0)
        {
            keys.Add("");
        }

        var states = new List<(string, AlertSeries)>();
        var history = new List<AlertHistoryRow>();
        foreach (var key in keys)
        {
            var days = byKey.GetValueOrDefault(key) ?? [];
            // The baseline's history: the days with a value and enough volume to be judged themselves.
            var values = new Dictionary<DateOnly, decimal>();
            foreach (var (day, counts) in days)
            {
                if (AlertMetrics.Measure(rule.Metric, counts) is ({ } value, var volume) && volume >= rule.MinVolume)
                {
                    values[day] = value;
                }
            }

            var state = known.GetValueOrDefault(key) ?? AlertSeries.New;
            var start = state.LastDay?.AddDays(1) ?? first;
            start = Max(start, floor);
            var before = state;
            for (var day = start; day <= last; day = day.AddDays(1))
            {
                var (value, volume) = AlertMetrics.Measure(rule.Metric, days.GetValueOrDefault(day) ?? QualityCounts.Zero);
                var at = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + delay;
                var (definition, agent, version) = Cell(rule, key);
                var cell = new AlertCell(tenant, day, definition, agent, version);
                decimal? amount = null;
                if (rule.MinAmount is not null && value is not null && await alerts.MaxChargedAsync(cell, cancellationToken) is { } charged)
                {
                    amount = Money.FromMinorUnits(charged.Minor, charged.Currency);
                }

                var baseline = rule.Condition is DeviationCondition dev ? AlertBaseline.Of(values, day, dev.BaselineDays, dev.Weekly) : null;
                var reading = new AlertObservation(at, day, value, volume, amount, baseline);
                var step = AlertDecisions.Step(rule, state, reading, AlertIds.Of(rule.Name, tenant, key, AlertTransition.Triggered, at));
                if (step.Transition != AlertTransition.None)
                {
                    var examples = step.Transition == AlertTransition.Triggered ? await alerts.ExamplesAsync(rule.Metric, cell, cancellationToken) : [];
                    history.Add(Entry(rule, tenant, key, step, state, reading, examples));
                }

                state = step.Series;
            }

            if (state != before)
            {
                states.Add((key, state));
            }
        }

        await alerts.SaveAsync(rule.Name, tenant, states, history, cancellationToken);
        return history.Count;
    }

    /// <summary>
    /// How long after a day ends its outcomes have settled: the longest expiry plus settlement window plus grace of
    /// the definitions in scope (an outcome without an expiry can still qualify later; its day is judged without it).
    /// </summary>
    private TimeSpan SettlementDelay(string? definition)
    {
        var longest = TimeSpan.Zero;
        foreach (var entry in catalog.Current.ByName.Values)
        {
            if (definition is null || entry.Name == definition)
            {
                var d = entry.Definition.Definition;
                var delay = (d.ExpireAfter ?? TimeSpan.Zero) + d.Settlement.Window + d.Settlement.Grace;
                longest = delay > longest ? delay : longest;
            }
        }

        return longest;
    }

    private static (string? Definition, string? Agent, string? Version) Cell(AlertRule rule, string key)
    {
        var (definition, agent, version) = AlertSeriesKeys.Parts(rule.By, key);
        return (definition ?? rule.Scope.Definition, agent ?? rule.Scope.Agent, version ?? rule.Scope.AgentVersion);
    }

    private static AlertHistoryRow Entry(
        AlertRule rule, string tenant, string key, AlertStep step, AlertSeries before, AlertObservation reading, IReadOnlyList<AlertExample> examples) =>
        new(step.Transition == AlertTransition.Triggered ? step.Series.Firing!.Value : AlertIds.Of(rule.Name, tenant, key, AlertTransition.Resolved, reading.At),
            rule.Name, tenant, key, step.Transition, reading.At, reading.Day, rule, reading.Value, reading.Volume, reading.Baseline, examples,
            step.Transition == AlertTransition.Resolved ? before.Firing : null);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
