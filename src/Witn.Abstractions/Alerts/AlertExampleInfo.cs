namespace Witn.Abstractions.Alerts;

/// <summary>An outcome, and its charge when the metric is about charges, that shows what an alert is about.</summary>
[GenerateSerializer, Immutable, Alias("witn.alerts.example-info")]
public sealed record AlertExampleInfo([property: Id(0)] string Definition, [property: Id(1)] string Correlation, [property: Id(2)] Guid? ChargeId);
