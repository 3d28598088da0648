namespace Witn.Silo.Health;

/// <summary>One readiness check: ok or failing, and why.</summary>
public sealed record ReadinessCheck(string Status, string Detail);
