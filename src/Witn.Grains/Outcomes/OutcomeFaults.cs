namespace Witn.Grains.Outcomes;

/// <summary>
/// Fault injection for the crash tests, off unless configured (<c>Witn:Faults:CrashAfterLedgerCommit</c>): the
/// process kills itself right after a ledger commit and before the outcome records it, the window exactly-once
/// must survive.
/// </summary>
public sealed record OutcomeFaults(bool CrashAfterLedgerCommit)
{
    public static OutcomeFaults None { get; } = new(false);

    public void AfterLedgerCommit()
    {
        if (CrashAfterLedgerCommit)
        {
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }
}
