using Witn.Abstractions.Alerts;
using Witn.Domain.Alerts;

namespace Witn.Api.Alerts;

/// <summary>
/// A firing (<c>triggered</c>) or resolution (<c>resolved</c>) of an alert: the series, the reading (cohort day for
/// a daily metric, value, volume, baseline), up to 10 examples, the rule as it was, and for a resolution the firing it ends.
/// This is also the <c>data</c> of the <c>alert.triggered</c> and <c>alert.resolved</c> webhooks.
/// </summary>
public sealed record AlertHistoryResponse(
    Guid Id,
    string Alert,
    string Kind,
    string TenantId,
    string? Definition,
    string? Agent,
    string? AgentVersion,
    DateTimeOffset At,
    DateTimeOffset? Day,
    decimal? Value,
    long Volume,
    AlertBaselineResponse? Baseline,
    IReadOnlyList<AlertExampleResponse> Examples,
    Guid? TriggeredId,
    AlertRuleResponse Rule)
{
    public static AlertHistoryResponse From(AlertHistoryInfo h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var rule = AlertRuleJson.Read(h.RuleJson);
        var (definition, agent, version) = AlertSeriesKeys.Parts(rule.By, h.Series);
        return new(
            h.Id, h.RuleName, h.Kind, h.TenantId, definition, agent, version, h.At, h.Day, h.Value, h.Volume,
            h.BaselineMedian is { } median ? new AlertBaselineResponse(median, h.BaselineMad ?? 0, h.BaselinePoints ?? 0) : null,
            [.. h.Examples.Select(e => new AlertExampleResponse(e.Definition, e.Correlation, e.ChargeId))],
            h.TriggeredId, AlertRuleResponse.Shape(rule));
    }
}
