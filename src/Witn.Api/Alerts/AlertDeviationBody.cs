namespace Witn.Api.Alerts;

/// <summary>
/// Outside when more than <see cref="K"/> robust deviations from the median of the last <see cref="Baseline"/>
/// days (<c>28d</c>; the same weekday only with <c>seasonality: weekly</c>), on the side <see cref="Direction"/> names.
/// </summary>
public sealed record AlertDeviationBody(string? Baseline, string? Seasonality, decimal? K, string? Direction);
