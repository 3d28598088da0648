namespace Witn.Grains.Outcomes;

/// <summary>The moments of a settlement where a crash leaves the most to recover (what the crash tests stop at).</summary>
public enum SettlementMilestone
{
    /// <summary>The charge is decided, nothing is committed yet.</summary>
    BeforeLedgerCommit,

    /// <summary>The ledger committed the charge; the outcome has not recorded it.</summary>
    AfterLedgerCommit,

    /// <summary>The outcome's reminder is updated; its row is not yet written.</summary>
    AfterReminder,
}
