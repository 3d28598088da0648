namespace Witn.Storage.Alerts;

/// <summary>An outcome (and its charge, when the metric is about charges) that shows what an alert is about.</summary>
public sealed record AlertExample(string Definition, string Correlation, Guid? ChargeId);
