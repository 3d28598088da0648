namespace Witn.Domain.Alerts;

/// <summary>Outside when the value is strictly above (or below) <see cref="Limit"/>.</summary>
public sealed record ThresholdCondition(AlertDirection Direction, decimal Limit) : AlertCondition;
