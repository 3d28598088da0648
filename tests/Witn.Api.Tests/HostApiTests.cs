using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Witn.Api.Tests;

/// <summary>What the host serves besides <c>/v1</c>: health, OpenAPI and the dashboard behind the admin key.</summary>
public sealed class HostApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    [Fact]
    public async Task readyz_reports_each_check_and_is_200_when_all_pass()
    {
        using var client = silo.Anonymous();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal(["database", "migrations", "silo"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("ok", c.Value.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task the_openapi_document_describes_the_v1_routes()
    {
        using var client = silo.Anonymous();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1/keys", paths);
        Assert.Contains("/v1/keys/{id}", paths);
        Assert.Contains("/v1/cluster", paths);
    }

    [Fact]
    public async Task the_dashboard_asks_browsers_for_the_admin_key_and_opens_with_it()
    {
        using var anonymous = silo.Anonymous();
        using var denied = await anonymous.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.StartsWith("Basic realm=", denied.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var browser = silo.Anonymous();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{silo.AdminKey}")));
        using var allowed = await browser.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("<html", await allowed.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task the_dashboard_refuses_a_key_without_admin_scope()
    {
        using var admin = silo.Client();
        using var created = await admin.PostAsync("/v1/keys", KeysApiTests.Json("""{"name":"reader","scopes":["read"]}"""));
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString();
        using var reader = silo.Anonymous();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"x:{key}")));

        using var response = await reader.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
