namespace Witn.Domain.Alerts;

/// <summary>When a value is outside: <see cref="ThresholdCondition"/> (a fixed limit) or <see cref="DeviationCondition"/> (a robust baseline).</summary>
public abstract record AlertCondition;
