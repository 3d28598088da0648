namespace Witn.Api.OperatorConsole;

/// <summary>
/// The operator console's paths, in one place: the routes are mapped from them and every page links through them.
/// Under <c>/v1</c>, where the page key cookie is sent (<see cref="Witn.Api.Pages.PageKeyCookie.CookiePath"/>).
/// </summary>
public static class ConsoleRoutes
{
    public const string Prefix = "/v1/console";

    /// <summary>The tenants the key reaches.</summary>
    public const string Home = Prefix;

    /// <summary>One tenant's overview.</summary>
    public static string Tenant(string tenant) => $"{Prefix}/tenants/{tenant}";

    public static string Quality(string tenant) => $"{Tenant(tenant)}/quality";

    /// <summary>The review queue (GET) and its decisions (POST).</summary>
    public static string Reviews(string tenant) => $"{Tenant(tenant)}/reviews";

    public static string Disputes(string tenant) => $"{Tenant(tenant)}/disputes";

    public static string Dispute(string tenant, Guid dispute) => $"{Disputes(tenant)}/{dispute:D}";

    public static string DisputeMessages(string tenant, Guid dispute) => $"{Dispute(tenant, dispute)}/messages";

    public static string DisputeReview(string tenant, Guid dispute) => $"{Dispute(tenant, dispute)}/review";

    public static string DisputeResolve(string tenant, Guid dispute) => $"{Dispute(tenant, dispute)}/resolve";

    public static string Backlog(string tenant) => $"{Tenant(tenant)}/backlog";

    public static string Alerts(string tenant) => $"{Tenant(tenant)}/alerts";
}
