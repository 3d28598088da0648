using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Alerts;
using Witn.Abstractions.Outcomes;
using Witn.Abstractions.Quality;
using Witn.Abstractions.Tenants;
using Witn.Api.Alerts;
using Witn.Api.Pages;
using Witn.Api.Security;
using Witn.Domain.Access;
using Witn.Domain.Quality;
using Witn.Domain.Tenants;

namespace Witn.Api.OperatorConsole;

/// <summary>
/// The operator console (docs/console.md): server-rendered pages under <c>/v1/console</c> for an <c>admin</c> or
/// <c>disputes</c> key, one tenant at a time: the tenants the key reaches, a tenant's overview, its quality charts,
/// review queue (<see cref="ConsoleReviewEndpoints"/>), dispute queue (<see cref="ConsoleDisputeEndpoints"/>),
/// settlement backlog and alerts. The browser signs in with the pages' key form; the tenant routes are on the tenant group
/// (<see cref="TenantRoutes.MapTenantGroup"/>), so a restricted key reaches its own tenant only; every form is
/// behind <see cref="PageFormFilter"/>.
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>Tenants on the console's first page (the API's list pages through the rest).</summary>
    public const int TenantsShown = 200;

    /// <summary>The days the quality charts cover, ending with the tenant's today (UTC days, as quality counts).</summary>
    public const int QualityDays = 28;

    /// <summary>The latest alert history entries the alerts page lists.</summary>
    public const int AlertsShown = 50;

    /// <summary>The due outcomes the backlog page lists.</summary>
    public const int BacklogShown = 50;

    /// <summary>
    /// <c>GET /console</c>: a redirect to <see cref="ConsoleRoutes.Home"/>. The console lives under <c>/v1</c> because the
    /// page key cookie is scoped there (so a key never travels to other paths); this is the short address to type.
    /// </summary>
    public static IEndpointRouteBuilder MapConsoleEntry(IEndpointRouteBuilder app)
    {
        app.MapGet("/console", () => TypedResults.Redirect(ConsoleRoutes.Home)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static IEndpointRouteBuilder MapConsole(this RouteGroupBuilder v1)
    {
        var console = v1.MapGroup("/console").RequireAuthorization(WitnPolicies.Disputes).WithMetadata(KeyReach.Tenant)
            .WithHtmlPage().ExcludeFromDescription();
        console.MapGet("", TenantsAsync);
        var tenant = console.MapTenantGroup();
        tenant.MapGet("", OverviewAsync);
        tenant.MapGet("/quality", QualityAsync);
        tenant.MapGet("/backlog", BacklogAsync);
        tenant.MapGet("/alerts", AlertsAsync);
        tenant.MapReviewPages();
        tenant.MapDisputePages();
        return v1;
    }

    /// <summary>The tenant a page is of (the tenant filter has checked it exists and the key sees it).</summary>
    internal static async Task<Tenant> TenantAsync(string tenant, IGrainFactory grains) =>
        await grains.GetGrain<ITenantGrain>(tenant).GetAsync() ?? throw new InvalidOperationException($"tenant '{tenant}' passed the tenant filter and is gone");

    internal static bool IsAdmin(ClaimsPrincipal user) => ApiKeyScopes.Grants(ApiKeyClaims.Scopes(user), ApiKeyScope.Admin);

    /// <summary>The console's navigation for one tenant, the current page marked.</summary>
    internal static RenderFragment Nav(Tenant tenant, string current) => builder =>
    {
        builder.OpenComponent<ConsoleNav>(0);
        builder.AddComponentParameter(1, nameof(ConsoleNav.Tenant), tenant.Id);
        builder.AddComponentParameter(2, nameof(ConsoleNav.Name), tenant.Name);
        builder.AddComponentParameter(3, nameof(ConsoleNav.Current), current);
        builder.CloseComponent();
    };

    private static async Task<IResult> TenantsAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenants = await grains.GetGrain<ITenantRegistryGrain>(0).ListAsync(TenantAccess.RestrictedTo(user), TenantsShown + 1, null);
        return PageResult.Of<ConsoleTenantsPage>(new Dictionary<string, object?>
        {
            [nameof(ConsoleTenantsPage.Tenants)] = tenants.Take(TenantsShown).ToList(),
            [nameof(ConsoleTenantsPage.More)] = tenants.Length > TenantsShown,
        });
    }

    private static async Task<IResult> OverviewAsync(HttpContext http, string tenant, IGrainFactory grains, TimeProvider time)
    {
        var t = await TenantAsync(tenant, grains);
        var now = t.Now(time);
        var backlog = await grains.GetGrain<IOutcomeQueryGrain>(0).BacklogAsync(t.Id, now, 0);
        var reviews = await ConsoleReviewEndpoints.QueueAsync(grains, t.Id);
        var (disputes, _) = await ConsoleDisputeEndpoints.QueueAsync(grains, t.Id);
        return PageResult.Of<ConsoleOverviewPage>(new Dictionary<string, object?>
        {
            [nameof(ConsoleOverviewPage.Tenant)] = t,
            [nameof(ConsoleOverviewPage.Now)] = now,
            [nameof(ConsoleOverviewPage.Due)] = backlog.Due,
            [nameof(ConsoleOverviewPage.Reviews)] = reviews.Items.Count,
            [nameof(ConsoleOverviewPage.MoreReviews)] = reviews.More,
            [nameof(ConsoleOverviewPage.Disputes)] = disputes.Count,
            [nameof(ConsoleOverviewPage.Overdue)] = disputes.Count(d => d.Overdue),
            [nameof(ConsoleOverviewPage.Nav)] = Nav(t, "overview"),
        });
    }

    private static async Task<IResult> BacklogAsync(string tenant, IGrainFactory grains, TimeProvider time)
    {
        var t = await TenantAsync(tenant, grains);
        var now = t.Now(time);
        return PageResult.Of<ConsoleBacklogPage>(new Dictionary<string, object?>
        {
            [nameof(ConsoleBacklogPage.Tenant)] = t,
            [nameof(ConsoleBacklogPage.Now)] = now,
            [nameof(ConsoleBacklogPage.Backlog)] = await grains.GetGrain<IOutcomeQueryGrain>(0).BacklogAsync(t.Id, now, BacklogShown),
            [nameof(ConsoleBacklogPage.Nav)] = Nav(t, "backlog"),
        });
    }

    private static async Task<IResult> AlertsAsync(string tenant, IGrainFactory grains)
    {
        var t = await TenantAsync(tenant, grains);
        var rules = grains.GetGrain<IAlertRulesGrain>(0);
        var open = (await rules.ListAsync(t.Id)).Select(AlertRuleResponse.From)
            .SelectMany(r => r.Series.Where(s => s.TenantId == t.Id).Select(s => (r, s)))
            .OrderBy(x => x.s.OutsideSince).ToList();
        return PageResult.Of<ConsoleAlertsPage>(new Dictionary<string, object?>
        {
            [nameof(ConsoleAlertsPage.Tenant)] = t,
            [nameof(ConsoleAlertsPage.Open)] = open,
            [nameof(ConsoleAlertsPage.History)] = (await rules.RecentAsync(t.Id, AlertsShown)).Select(AlertHistoryResponse.From).ToList(),
            [nameof(ConsoleAlertsPage.Nav)] = Nav(t, "alerts"),
        });
    }

    private static async Task<IResult> QualityAsync(string tenant, IGrainFactory grains, TimeProvider time)
    {
        var t = await TenantAsync(tenant, grains);
        // The tenant's today (its test clock for a sandbox) and the days before it, as whole UTC days.
        var last = DateOnly.FromDateTime(t.Now(time).UtcDateTime);
        var first = last.AddDays(1 - QualityDays);
        var (from, to) = (Day(first), Day(last.AddDays(1)));
        var quality = grains.GetGrain<IQualityGrain>(0);
        var definitions = await quality.QueryAsync(new QualityRequest(t.Id, from, to, QualityGrouping.Definition, QualityInterval.Whole));
        var shown = new List<ConsoleQualityDefinition>();
        foreach (var definition in definitions.Select(d => d.Definition).OfType<string>().Order(StringComparer.Ordinal))
        {
            var days = await quality.QueryAsync(new QualityRequest(t.Id, from, to, QualityGrouping.AgentVersion, QualityInterval.Day, definition));
            var totals = await quality.QueryAsync(new QualityRequest(t.Id, from, to, QualityGrouping.AgentVersion, QualityInterval.Whole, definition));
            var series = days.GroupBy(Agent).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            shown.Add(new ConsoleQualityDefinition(
                definition,
                LineChart.Svg($"Conversion rate of {definition} per day, by agent version", first, last, [.. series.Select(g => Series(g.Key, g, QualityFigure.Conversion))]),
                LineChart.Svg($"Dispute rate of {definition} per day, by agent version", first, last, [.. series.Select(g => Series(g.Key, g, QualityFigure.Dispute))]),
                [.. totals.Select(r => new ConsoleQualityRow(Agent(r), r.Counts)).OrderBy(r => r.Agent, StringComparer.Ordinal)]));
        }

        return PageResult.Of<ConsoleQualityPage>(new Dictionary<string, object?>
        {
            [nameof(ConsoleQualityPage.Tenant)] = t,
            [nameof(ConsoleQualityPage.First)] = first,
            [nameof(ConsoleQualityPage.Last)] = last,
            [nameof(ConsoleQualityPage.Definitions)] = shown,
            [nameof(ConsoleQualityPage.Nav)] = Nav(t, "quality"),
        });
    }

    // A day's rate is a point when the day has a whole to divide by (QualityRates' rule); other days are left out.
    private static ChartSeries Series(string name, IEnumerable<QualityGroup> days, QualityFigure figure) =>
        new(name, [.. days.Where(d => d.Period is not null && d.Counts.Rate(figure) is not null)
            .Select(d => new ChartPoint(DateOnly.FromDateTime(d.Period!.Value.UtcDateTime), (double)d.Counts.Rate(figure)!.Value))]);

    private static string Agent(QualityGroup group) =>
        string.IsNullOrEmpty(group.AgentId) ? "no agent" : $"{group.AgentId} {group.AgentVersion}".TrimEnd();

    private static DateTimeOffset Day(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
