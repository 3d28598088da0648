namespace Witn.Abstractions.Alerts;

/// <summary>The rule as stored, and whether the name was new.</summary>
[GenerateSerializer, Immutable, Alias("witn.alerts.put-reply")]
public sealed record AlertPutReply([property: Id(0)] AlertRuleInfo Rule, [property: Id(1)] bool Created);
