namespace Witn.Domain.Alerts;

/// <summary>
/// One series' state: its status, since when it has been outside (for <c>for</c>), the last day evaluated (daily
/// metrics; evaluation catches up day by day from there) and the id of the firing that is open.
/// </summary>
public sealed record AlertSeries(AlertSeriesStatus Status, DateTimeOffset? OutsideSince, DateOnly? LastDay, Guid? Firing)
{
    public static AlertSeries New { get; } = new(AlertSeriesStatus.Ok, null, null, null);
}
