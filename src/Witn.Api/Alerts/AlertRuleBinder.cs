using Witn.Api.Http;
using Witn.Domain.Alerts;
using Witn.Domain.Common;
using Witn.Domain.Money;
using Witn.Domain.Quality;

namespace Witn.Api.Alerts;

/// <summary>
/// Turns a <see cref="AlertRuleRequest"/> into a domain <see cref="AlertRule"/>, collecting every error with the
/// field it is in and how to fix it. The scope tenant is checked against the key by the caller.
/// </summary>
public static class AlertRuleBinder
{
    public const int MaxBaselineDays = 365;

    public static (AlertRule? Rule, List<InputError> Errors) Bind(string name, AlertRuleRequest body, bool builtin)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new List<InputError>();
        if (!AlertMetrics.TryParse(body.Metric, out var metric))
        {
            errors.Add(new InputError("metric", body.Metric is null ? "metric is required" : $"unknown metric '{body.Metric}'",
                $"use one of: {string.Join(", ", AlertMetrics.All)}"));
        }

        var instant = errors.Count == 0 && AlertMetrics.IsInstant(metric);
        var scope = body.Scope ?? new AlertScopeBody(null, null, null, null);
        Text(scope.Definition, "scope.definition", 128, errors);
        Text(scope.Agent, "scope.agent", FieldLimits.MaxAgentFieldLength, errors);
        Text(scope.AgentVersion, "scope.agent_version", FieldLimits.MaxAgentFieldLength, errors);
        if (instant && (scope.Definition ?? scope.Agent ?? scope.AgentVersion) is not null)
        {
            errors.Add(new InputError("scope", $"{body.Metric} is counted per tenant", "leave definition, agent and agent_version out of the scope"));
        }

        var by = QualityGroupings.Parse(body.By);
        if (by is null)
        {
            errors.Add(new InputError("by", $"'{body.By}' is not a grouping", "use definition, agent or agent_version, or leave by out for one series"));
        }
        else if (instant && by != QualityGrouping.None)
        {
            errors.Add(new InputError("by", $"{body.Metric} is counted per tenant", "leave by out"));
        }

        var condition = Condition(body.Condition, instant, body.Metric, errors);
        if (body.MinVolume is not { } minVolume || minVolume < 0)
        {
            errors.Add(new InputError("min_volume", body.MinVolume is null ? "min_volume is required" : "min_volume is negative",
                "give the least volume (the rate's whole, or the count) a series needs before it may fire, e.g. 20; 0 for none"));
        }

        decimal? minAmount = null;
        if (body.MinAmount is { } amountText)
        {
            if (!AmountText.TryParse(amountText, out var amount) || amount <= 0)
            {
                errors.Add(new InputError("min_amount", $"'{amountText}' is not a positive amount", AmountText.Hint));
            }
            else if (instant)
            {
                errors.Add(new InputError("min_amount", $"{body.Metric} has no amount", "leave min_amount out"));
            }
            else
            {
                minAmount = amount;
            }
        }

        TimeSpan? evaluateAfter = instant ? TimeSpan.Zero : null;
        if (body.EvaluateAfter is { } after and not "settlement")
        {
            if (!Durations.TryParse(after, out var delay))
            {
                errors.Add(new InputError("evaluate_after", $"'{after}' is neither \"settlement\" nor a duration", $"use \"settlement\", or {Durations.Hint}"));
            }
            else if (instant)
            {
                errors.Add(new InputError("evaluate_after", $"{body.Metric} is counted when it is evaluated", "leave evaluate_after out"));
            }
            else
            {
                evaluateAfter = delay;
            }
        }
        else if (body.EvaluateAfter is "settlement" && instant)
        {
            errors.Add(new InputError("evaluate_after", $"{body.Metric} is counted when it is evaluated", "leave evaluate_after out"));
        }

        var forDuration = TimeSpan.Zero;
        if (body.For is { } forText && !Durations.TryParse(forText, out forDuration))
        {
            errors.Add(new InputError("for", $"'{forText}' is not a duration", Durations.Hint));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new AlertRule(name, metric, new AlertScope(scope.Tenant, scope.Definition, scope.Agent, scope.AgentVersion), by!.Value, condition!,
                body.MinVolume!.Value, minAmount, evaluateAfter, forDuration, body.Enabled ?? true, builtin), errors);
    }

    private static AlertCondition? Condition(AlertConditionBody? body, bool instant, string? metric, List<InputError> errors)
    {
        const string Hint = "give exactly one of {\"above\": x}, {\"below\": x} or {\"deviation\": {\"baseline\": \"28d\", \"seasonality\": \"weekly\", \"k\": 3}}";
        var given = body is null ? 0 : (body.Above is null ? 0 : 1) + (body.Below is null ? 0 : 1) + (body.Deviation is null ? 0 : 1);
        if (given != 1)
        {
            errors.Add(new InputError("condition", given == 0 ? "condition is required" : "condition has more than one of above, below and deviation", Hint));
            return null;
        }

        if (body!.Above is { } above)
        {
            return new ThresholdCondition(AlertDirection.Above, above);
        }

        if (body.Below is { } below)
        {
            return new ThresholdCondition(AlertDirection.Below, below);
        }

        var d = body.Deviation!;
        if (instant)
        {
            errors.Add(new InputError("condition.deviation", $"{metric} is counted now and has no daily history to deviate from", "use above or below"));
        }

        var days = 0;
        if (!Durations.TryParse(d.Baseline ?? "28d", out var baseline) || baseline.Ticks % TimeSpan.TicksPerDay != 0
            || (days = (int)baseline.TotalDays) < 7 || days > MaxBaselineDays)
        {
            errors.Add(new InputError("condition.deviation.baseline", $"'{d.Baseline}' is not a baseline", $"give whole days from 7d to {MaxBaselineDays}d, e.g. 28d"));
        }

        bool? weekly = d.Seasonality switch
        {
            null or "weekly" => true,
            "none" => false,
            _ => null,
        };
        if (weekly is null)
        {
            errors.Add(new InputError("condition.deviation.seasonality", $"'{d.Seasonality}' is not a seasonality", "use weekly (compare with the same weekday) or none"));
        }

        if (d.K is { } k && (k <= 0 || k > 100))
        {
            errors.Add(new InputError("condition.deviation.k", $"k {k} is out of range", "give how many robust deviations count as outside, above 0 and at most 100, e.g. 3"));
        }

        var direction = AlertRuleText.ParseDirection(d.Direction);
        if (direction is null)
        {
            errors.Add(new InputError("condition.deviation.direction", $"'{d.Direction}' is not a direction", "use above, below or either"));
        }

        return errors.Count > 0 ? null : new DeviationCondition(days, weekly!.Value, d.K ?? 3m, direction!.Value);
    }

    private static void Text(string? value, string path, int max, List<InputError> errors)
    {
        if (value is not null && (value.Length == 0 || value.Length > max || value.Any(char.IsControl)))
        {
            errors.Add(new InputError(path, $"{path} must be 1-{max} characters without control characters", "give the name as events and definitions carry it, or leave it out"));
        }
    }
}
