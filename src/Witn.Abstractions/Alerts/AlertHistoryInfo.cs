namespace Witn.Abstractions.Alerts;

/// <summary>
/// One firing (kind "triggered") or resolution ("resolved"): the rule as it was (stored JSON), the cohort day for a
/// daily metric (00:00Z), the value and volume, the baseline (median, MAD, days), examples, and for a resolution the firing it ends.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.alerts.history-info")]
public sealed record AlertHistoryInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string RuleName,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string Series,
    [property: Id(4)] string Kind,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] DateTimeOffset? Day,
    [property: Id(7)] string RuleJson,
    [property: Id(8)] decimal? Value,
    [property: Id(9)] long Volume,
    [property: Id(10)] decimal? BaselineMedian,
    [property: Id(11)] decimal? BaselineMad,
    [property: Id(12)] int? BaselinePoints,
    [property: Id(13)] AlertExampleInfo[] Examples,
    [property: Id(14)] Guid? TriggeredId,
    [property: Id(15)] long Seq);
