namespace Witn.Api.Alerts;

/// <summary>The baseline a deviation was judged against: median, median absolute deviation, and how many days made it.</summary>
public sealed record AlertBaselineResponse(decimal Median, decimal Mad, int Days);
