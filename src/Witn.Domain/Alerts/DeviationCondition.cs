namespace Witn.Domain.Alerts;

/// <summary>
/// Outside when the value is more than <see cref="K"/> robust deviations from the median of the previous
/// <see cref="BaselineDays"/> days (only the same weekday when <see cref="Weekly"/>), on the side <see cref="Direction"/> names.
/// </summary>
public sealed record DeviationCondition(int BaselineDays, bool Weekly, decimal K, AlertDirection Direction) : AlertCondition;
