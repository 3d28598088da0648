namespace Witn.Silo.Health;

/// <summary>The body of <c>/readyz</c>: overall status and each check with its reason.</summary>
public sealed record ReadinessReport(string Status, IReadOnlyDictionary<string, ReadinessCheck> Checks);
