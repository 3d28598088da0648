namespace Witn.Domain.Definitions;

/// <summary>
/// <see cref="Window"/>: how long after qualification reversal events void the outcome.
/// <see cref="Grace"/>: how long after the window the clock waits for late events before committing.
/// <see cref="ResetOnEvent"/>: each new event of a qualified outcome restarts the window from its timestamp.
/// </summary>
public sealed record SettlementPolicy(TimeSpan Window, TimeSpan Grace = default, bool ResetOnEvent = false)
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(180);

    public static readonly TimeSpan MaxGrace = TimeSpan.FromDays(30);
}
