namespace Witn.Api.Alerts;

/// <summary>Exactly one of: outside above a limit, below a limit, or away from a robust baseline.</summary>
public sealed record AlertConditionBody(decimal? Above, decimal? Below, AlertDeviationBody? Deviation);
