namespace Witn.Abstractions.Alerts;

/// <summary>A rule (its stored JSON), when it was stored (null for a built-in as shipped) and the state of its series.</summary>
[GenerateSerializer, Immutable, Alias("witn.alerts.rule-info")]
public sealed record AlertRuleInfo(
    [property: Id(0)] string RuleJson,
    [property: Id(1)] DateTimeOffset? CreatedAt,
    [property: Id(2)] DateTimeOffset? UpdatedAt,
    [property: Id(3)] AlertSeriesInfo[] Series);
