namespace Witn.Api.Alerts;

/// <summary>An outcome (and its charge, when the metric is about charges) that shows what the alert is about.</summary>
public sealed record AlertExampleResponse(string Definition, string Correlation, Guid? ChargeId);
