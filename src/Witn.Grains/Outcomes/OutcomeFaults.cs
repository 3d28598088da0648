namespace Witn.Grains.Outcomes;

/// <summary>
/// Fault injection for the crash tests, off unless configured: the process kills itself at one step of
/// settlement, the first time a settlement reaches it (<c>Witn:Faults:CrashAt</c>: <c>before-ledger-commit</c>,
/// <c>after-ledger-commit</c> — after the commit, before the outcome records it — or <c>after-reminder</c> — the
/// reminder updated, the outcome's row not yet written). <c>Witn:Faults:CrashAfterLedgerCommit=true</c> is the
/// older spelling of <c>after-ledger-commit</c>.
/// </summary>
public sealed record OutcomeFaults(string? CrashAt)
{
    public const string BeforeLedgerCommit = "before-ledger-commit";
    public const string AfterLedgerCommit = "after-ledger-commit";
    public const string AfterReminder = "after-reminder";

    public static OutcomeFaults None { get; } = new((string?)null);

    /// <summary>Kills the process if <paramref name="step"/> is the configured crash point.</summary>
    public void At(string step)
    {
        if (string.Equals(CrashAt, step, StringComparison.Ordinal))
        {
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }
}
