using System.Globalization;
using Orleans.Configuration;
using Witn.Api.Portal;
using Witn.Api.RateLimits;
using Witn.Grains.Alerts;
using Witn.Grains.Disputes;
using Witn.Grains.Invoices;
using Witn.Grains.Outcomes;
using Witn.Grains.Telemetry;
using Witn.Grains.Tenants;
using Witn.Silo.Webhooks;
using Witn.Storage.Log;
using Witn.Storage.Outcomes;

namespace Witn.Silo.Options;

/// <summary>
/// The help section on configuration settings: every <c>Witn__*</c> setting with its default, read from the
/// options classes themselves (so help never lists a setting that does not exist), and the <c>Orleans__*</c>
/// settings an operator tunes.
/// </summary>
internal static class SettingsHelp
{
    private static readonly (string Section, Func<object> Defaults)[] Witn =
    [
        (WebhookOptions.Section, () => new WebhookOptions()),
        (Exports.ExportOptions.Section, () => new Exports.ExportOptions()),
        (RateLimitOptions.Section, () => new RateLimitOptions()),
        (DueSweepOptions.Section, () => new DueSweepOptions()),
        (InvoiceOptions.Section, () => new InvoiceOptions()),
        (EventLogOptions.Section, () => new EventLogOptions()),
        (OutcomeStoreOptions.Section, () => new OutcomeStoreOptions()),
        (OutcomeGrainOptions.Section, () => new OutcomeGrainOptions()),
        (TenantClockOptions.Section, () => new TenantClockOptions()),
        (DisputeOptions.Section, () => new DisputeOptions()),
        (AlertOptions.Section, () => new AlertOptions()),
        (PortalOptions.Section, () => new PortalOptions()),
        (TelemetryOptions.Section, () => new TelemetryOptions()),
    ];

    // Failure detection: tests and small clusters shorten it; the rest of Orleans' options rarely need a change.
    private static readonly string[] Membership =
    [
        nameof(ClusterMembershipOptions.ProbeTimeout),
        nameof(ClusterMembershipOptions.NumMissedProbesLimit),
        nameof(ClusterMembershipOptions.IAmAliveTablePublishTimeout),
        nameof(ClusterMembershipOptions.TableRefreshTimeout),
        nameof(ClusterMembershipOptions.DeathVoteExpirationTimeout),
    ];

    public static IEnumerable<(string Name, string Default)> Settings()
    {
        foreach (var (section, defaults) in Witn)
        {
            var instance = defaults();
            foreach (var property in instance.GetType().GetProperties().Where(p => p.CanWrite))
            {
                yield return ($"{section.Replace(":", "__", StringComparison.Ordinal)}__{property.Name}", Text(property.GetValue(instance)));
            }
        }

        var membership = new ClusterMembershipOptions();
        foreach (var name in Membership)
        {
            yield return ($"Orleans__Membership__{name}", Text(typeof(ClusterMembershipOptions).GetProperty(name)!.GetValue(membership)));
        }

        yield return ("Logging__LogLevel__Default", "Warning");
    }

    public static void Write(TextWriter output)
    {
        output.WriteLine("Settings (environment variables, shown with their defaults; docs/operations.md):");
        foreach (var (name, value) in Settings())
        {
            output.WriteLine($"  {name}={value}");
        }
    }

    private static string Text(object? value) => value switch
    {
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
