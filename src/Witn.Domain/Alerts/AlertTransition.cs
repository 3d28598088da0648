namespace Witn.Domain.Alerts;

/// <summary>What a reading did to a series: nothing to announce, it fired (crossed out), or it resolved (came back inside).</summary>
public enum AlertTransition
{
    None,
    Triggered,
    Resolved,
}
