using System.Globalization;

namespace Witn.Api.Portal;

/// <summary>The portal's paths, in one place: the routes are mapped from them and every page links through them.</summary>
public static class PortalRoutes
{
    public const string Prefix = "/portal";

    /// <summary>Where a link lands: checks its token, sets the session cookie, sends the browser on to <see cref="Home"/>.</summary>
    public const string Open = Prefix + "/open";

    /// <summary>The tenant's portal: its invoices.</summary>
    public static string Home(string tenant) => $"{Prefix}/{tenant}";

    public static string Invoice(string tenant, DateOnly periodStart) => $"{Home(tenant)}/invoices/{Day(periodStart)}";

    public static string Line(string tenant, DateOnly periodStart, int line) =>
        $"{Invoice(tenant, periodStart)}/lines/{line.ToString(CultureInfo.InvariantCulture)}";

    public static string Charge(string tenant, Guid charge) => $"{Home(tenant)}/charges/{charge:D}";

    public static string DisputeForm(string tenant, Guid charge) => $"{Charge(tenant, charge)}/dispute";

    public static string Disputes(string tenant) => $"{Home(tenant)}/disputes";

    public static string Dispute(string tenant, Guid dispute) => $"{Disputes(tenant)}/{dispute:D}";

    public static string DisputeMessages(string tenant, Guid dispute) => $"{Dispute(tenant, dispute)}/messages";

    public static string DisputeWithdraw(string tenant, Guid dispute) => $"{Dispute(tenant, dispute)}/withdraw";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
