namespace Witn.Domain.Alerts;

/// <summary>Where one series of a rule stands: inside, outside but not yet for long enough (<c>for</c>), or fired.</summary>
public enum AlertSeriesStatus
{
    Ok,
    Pending,
    Firing,
}
