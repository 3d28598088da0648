using Witn.Abstractions.Alerts;
using Witn.Domain.Alerts;

namespace Witn.Api.Alerts;

/// <summary>A rule as the API shows it, with the series of it that are outside now (pending or firing).</summary>
public sealed record AlertRuleResponse(
    string Name,
    bool Builtin,
    bool Enabled,
    string Metric,
    AlertScopeBody Scope,
    string? By,
    AlertConditionBody Condition,
    long MinVolume,
    string? MinAmount,
    string EvaluateAfter,
    string For,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<AlertSeriesResponse> Series)
{
    public static AlertRuleResponse From(AlertRuleInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var rule = AlertRuleJson.Read(info.RuleJson);
        var r = Shape(rule);
        return r with
        {
            CreatedAt = info.CreatedAt,
            UpdatedAt = info.UpdatedAt,
            Series = [.. info.Series.Select(s => AlertSeriesResponse.From(rule.By, s))],
        };
    }

    /// <summary>The rule alone (no dates, no series): as a history entry keeps it.</summary>
    public static AlertRuleResponse Shape(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var condition = rule.Condition switch
        {
            ThresholdCondition { Direction: AlertDirection.Below } t => new AlertConditionBody(null, t.Limit, null),
            ThresholdCondition t => new AlertConditionBody(t.Limit, null, null),
            DeviationCondition d => new AlertConditionBody(null, null, new AlertDeviationBody(
                $"{d.BaselineDays}d", d.Weekly ? "weekly" : "none", d.K, AlertRuleText.Direction(d.Direction))),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Condition, "unknown condition"),
        };
        return new AlertRuleResponse(
            rule.Name, rule.Builtin, rule.Enabled, AlertMetrics.Name(rule.Metric),
            new AlertScopeBody(rule.Scope.Tenant, rule.Scope.Definition, rule.Scope.Agent, rule.Scope.AgentVersion),
            Witn.Domain.Quality.QualityGroupings.Name(rule.By), condition, rule.MinVolume,
            rule.MinAmount?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            rule.EvaluateAfter is { } after ? Witn.Domain.Common.Durations.Format(after) : "settlement",
            Witn.Domain.Common.Durations.Format(rule.For), null, null, []);
    }
}
