using System.Text.Json;
using System.Text.Json.Serialization;
using Witn.Domain.Quality;

namespace Witn.Domain.Alerts;

/// <summary>
/// The stored and transported form of an alert rule (alert_rules.rule, alert_history.rule, grain calls): flat JSON,
/// enums by name, readable in psql and stable across enum reordering. Not the API's form, which the API maps to and from.
/// </summary>
public static class AlertRuleJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var stored = rule.Condition switch
        {
            ThresholdCondition t => new Stored(rule.Name, rule.Metric, rule.Scope, rule.By, "threshold", t.Direction, t.Limit, null, null, null,
                rule.MinVolume, rule.MinAmount, rule.EvaluateAfter?.Ticks, rule.For.Ticks, rule.Enabled, rule.Builtin),
            DeviationCondition d => new Stored(rule.Name, rule.Metric, rule.Scope, rule.By, "deviation", d.Direction, null, d.BaselineDays, d.Weekly, d.K,
                rule.MinVolume, rule.MinAmount, rule.EvaluateAfter?.Ticks, rule.For.Ticks, rule.Enabled, rule.Builtin),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Condition, "unknown condition"),
        };
        return JsonSerializer.Serialize(stored, Options);
    }

    public static AlertRule Read(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json, Options) ?? throw new InvalidOperationException("a stored alert rule is null");
        AlertCondition condition = s.Kind == "deviation"
            ? new DeviationCondition(s.BaselineDays ?? 28, s.Weekly ?? false, s.K ?? 3m, s.Direction)
            : new ThresholdCondition(s.Direction, s.Limit ?? 0m);
        return new AlertRule(s.Name, s.Metric, s.Scope, s.By, condition, s.MinVolume, s.MinAmount,
            s.EvaluateAfterTicks is { } after ? TimeSpan.FromTicks(after) : null, TimeSpan.FromTicks(s.ForTicks), s.Enabled, s.Builtin);
    }

    private sealed record Stored(
        string Name,
        AlertMetric Metric,
        AlertScope Scope,
        QualityGrouping By,
        string Kind,
        AlertDirection Direction,
        decimal? Limit,
        int? BaselineDays,
        bool? Weekly,
        decimal? K,
        long MinVolume,
        decimal? MinAmount,
        long? EvaluateAfterTicks,
        long ForTicks,
        bool Enabled,
        bool Builtin);
}
