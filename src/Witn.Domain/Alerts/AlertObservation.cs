namespace Witn.Domain.Alerts;

/// <summary>
/// One reading of a series: the instant it is judged at, the cohort day (daily metrics), the value (null without a
/// whole), its volume, the most charged in one currency (null when the rule sets no minimum amount) and the baseline
/// (deviation rules; null with too little history).
/// </summary>
public sealed record AlertObservation(DateTimeOffset At, DateOnly? Day, decimal? Value, long Volume, decimal? Amount, AlertBaseline? Baseline);
