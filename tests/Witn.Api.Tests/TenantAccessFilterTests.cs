using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Witn.Api.Portal;
using Witn.Api.Security;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>
/// Tenant isolation is one endpoint filter on the tenant route group: every route under /v1/tenants/{tenant} has it
/// (the route table says so), and a route added to the group whose handler checks nothing is still guarded.
/// </summary>
public sealed class TenantAccessFilterTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void every_route_that_names_a_tenant_in_its_path_is_guarded_by_the_tenant_access_filter()
    {
        var tenantRoutes = silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.GetParameter("tenant") is not null)
            .ToList();

        Assert.True(tenantRoutes.Count >= 15, $"only {tenantRoutes.Count} routes name a tenant");
        // The customer portal's pages have no API key: their gate is the portal session (one tenant per session).
        Assert.Empty(tenantRoutes.Where(e => !TenantAccessFilter.Guards(e) && !(e.RoutePattern.RawText!.StartsWith(PortalRoutes.Prefix + "/", StringComparison.Ordinal) && PortalSessionFilter.Guards(e)))
            .Select(e => $"{e.RoutePattern.RawText} is not on the tenant group (TenantRoutes.MapTenantGroup)"));
    }

    [Fact]
    public async Task a_new_route_on_the_tenant_group_whose_handler_checks_nothing_is_still_guarded()
    {
        var own = $"filter-{Guid.NewGuid().ToString("N")[..8]}";
        var other = $"filter-{Guid.NewGuid().ToString("N")[..8]}";
        await silo.PutTenantAsync(own, Ct);
        await silo.PutTenantAsync(other, Ct);
        var reached = new List<string>();

        // The real API services and middleware around the silo's grains, with one new route that only echoes the tenant.
        var port = FreePorts.Take(1)[0];
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(silo.Services.GetRequiredService<IGrainFactory>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddWitnApi();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        var tenant = app.MapGroup("/v1").RequireAuthorization().MapTenantGroup();
        tenant.MapGet("/probe", (string tenant) =>
        {
            lock (reached)
            {
                reached.Add(tenant);
            }

            return TypedResults.Ok(tenant);
        }).RequireAuthorization(WitnPolicies.Read);
        await app.StartAsync(Ct);
        try
        {
            using var admin = silo.Client();
            using var created = await admin.PostAsync("/v1/keys", KeysApiTests.Json($$"""{"name":"filter","scopes":["read"],"tenant_id":"{{own}}"}"""), Ct);
            var key = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString();
            using var restricted = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            restricted.DefaultRequestHeaders.Authorization = new("Bearer", key);
            using var operatorKey = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            operatorKey.DefaultRequestHeaders.Authorization = new("Bearer", silo.AdminKey);

            Assert.Equal(HttpStatusCode.OK, (await restricted.GetAsync($"/v1/tenants/{own}/probe", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await operatorKey.GetAsync($"/v1/tenants/{other}/probe", Ct)).StatusCode);

            using var otherTenant = await restricted.GetAsync($"/v1/tenants/{other}/probe", Ct);
            using var unknown = await operatorKey.GetAsync("/v1/tenants/nobody-here-at-all/probe", Ct);
            using var malformed = await operatorKey.GetAsync("/v1/tenants/NOT_AN_ID/probe", Ct);

            Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
            Assert.Contains($"no tenant '{other}' is visible to this key", await otherTenant.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Equal("tenant", (await KeysApiTests.ProblemAsync(malformed)).GetProperty("errors")[0].GetProperty("path").GetString());
            Assert.Equal([own, other], reached);
        }
        finally
        {
            await app.StopAsync(Ct);
        }
    }
}
