namespace Witn.Api.Alerts;

/// <summary>
/// The body of <c>PUT /v1/alerts/{name}</c> (docs/alerts.md): what to watch, where, split by what, when it is
/// outside, how much volume (and money) it needs before it may fire, when a day is judged, and for how long.
/// </summary>
public sealed record AlertRuleRequest(
    string? Metric,
    AlertScopeBody? Scope,
    string? By,
    AlertConditionBody? Condition,
    long? MinVolume,
    string? MinAmount,
    string? EvaluateAfter,
    string? For,
    bool? Enabled);
