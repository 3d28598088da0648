using Microsoft.Extensions.Configuration;
using Witn.Grains.Outcomes;

namespace Witn.Testing.Silo.Faults;

/// <summary>
/// The fault tests' hook: the process kills itself (SIGKILL, as in a crash) the first time a settlement reaches the
/// configured milestone. <c>Witn:Faults:CrashAt</c> is <c>before-ledger-commit</c>, <c>after-ledger-commit</c> (after
/// the commit, before the outcome records it) or <c>after-reminder</c> (the reminder updated, the outcome's row not
/// yet written); unset, nothing happens. Only witn-test-silo registers it.
/// </summary>
public sealed class CrashAtMilestone(SettlementMilestone? crashAt) : ISettlementMilestoneHook
{
    public const string Setting = "Witn:Faults:CrashAt";

    private static readonly Dictionary<string, SettlementMilestone> Names = new(StringComparer.Ordinal)
    {
        ["before-ledger-commit"] = SettlementMilestone.BeforeLedgerCommit,
        ["after-ledger-commit"] = SettlementMilestone.AfterLedgerCommit,
        ["after-reminder"] = SettlementMilestone.AfterReminder,
    };

    public static CrashAtMilestone FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration[Setting];
        if (string.IsNullOrEmpty(name))
        {
            return new CrashAtMilestone(null);
        }

        return Names.TryGetValue(name, out var milestone)
            ? new CrashAtMilestone(milestone)
            : throw new InvalidOperationException($"{Setting} is '{name}'; use {string.Join(", ", Names.Keys)}, or remove it");
    }

    public void Reached(SettlementMilestone milestone)
    {
        if (milestone == crashAt)
        {
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }
}
