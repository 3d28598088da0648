using System.Net;
using Witn.Testing.Silo;

namespace Witn.Api.Tests;

/// <summary>A query or route value of the wrong type is a problem that names the parameter and the form it takes, never a bare 400.</summary>
public sealed class QueryProblemTests(InProcessSilo silo) : IClassFixture<InProcessSilo>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Values the handler parses (after the tenant check) need a tenant that exists.
    public async ValueTask InitializeAsync()
    {
        using var admin = silo.Client();
        using var tenant = await admin.PutAsync("/v1/tenants/qp-acme", KeysApiTests.Json("""{"name":"Query problems"}"""), Ct);
        Assert.True(tenant.IsSuccessStatusCode, await tenant.Content.ReadAsStringAsync(Ct));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("/v1/tenants/acme/charges?limit=abc", "limit", "'abc' is not a whole number")]
    [InlineData("/v1/tenants/qp-acme/charges?from=yesterday", "from", "'yesterday' is not an instant with a time and an offset")]
    [InlineData("/v1/tenants/qp-acme/charges?to=9500-01-01T00:00:00Z", "to", "to '9500-01-01T00:00:00Z' is outside the supported range")]
    [InlineData("/v1/tenants/qp-acme/charges?from=2026-11-01", "from", "'2026-11-01' is not an instant with a time and an offset")]
    [InlineData("/v1/tenants/acme/outcomes?limit=x", "limit", "'x' is not a whole number")]
    [InlineData("/v1/tenants/acme/invoices/2026-11-01/lines/0/items?limit=all", "limit", "'all' is not a whole number")]
    [InlineData("/v1/webhooks/deliveries?limit=z", "limit", "'z' is not a whole number")]
    [InlineData("/v1/charges/nope", "id", "'nope' is not an id (a UUID")]
    [InlineData("/v1/charges/nope/evidence", "id", "'nope' is not an id (a UUID")]
    [InlineData("/v1/tenants/acme/invoices/2026-11-01/lines/abc/items", "line", "'abc' is not a whole number from 0")]
    [InlineData("/v1/tenants/acme/invoices/2026-11-01/lines/first/items", "line", "'first' is not a whole number from 0")]
    [InlineData("/v1/tenants/acme/invoices/2026-11-01/lines/99999999999/items", "line", "'99999999999' is not a whole number from 0")]
    public async Task a_value_of_the_wrong_type_is_a_problem_naming_the_parameter(string path, string parameter, string message)
    {
        using var admin = silo.Client();

        using var response = await admin.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await KeysApiTests.ProblemAsync(response);
        Assert.EndsWith("/invalid-request", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal(parameter, error.GetProperty("path").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(parameter, error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/v1/no-such-thing", HttpStatusCode.NotFound, "no route matches GET /v1/no-such-thing")]
    [InlineData("DELETE", "/v1/tenants/acme", HttpStatusCode.MethodNotAllowed, "/v1/tenants/acme does not take DELETE")]
    public async Task a_request_no_route_answers_is_a_problem_that_points_at_the_route_list(string method, string path, HttpStatusCode status, string detail)
    {
        using var admin = silo.Client();

        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        Assert.Equal(status, response.StatusCode);
        var problem = await KeysApiTests.ProblemAsync(response);
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    // A page route (the evidence page) answers a browser with the error page instead: a_page_error_is_a_readable_page_with_the_problems_detail_path_and_trace_id.
    [Theory]
    [InlineData("/v1/no-such-thing", "no route matches GET /v1/no-such-thing")]
    public async Task a_browser_asking_for_html_gets_the_same_problem_json_with_instance_and_trace_id(string path, string detail)
    {
        using var admin = silo.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await KeysApiTests.ProblemAsync(response);
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(path, problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("trace_id").GetString()));
    }

    [Fact]
    public async Task a_page_error_is_a_readable_page_with_the_problems_detail_path_and_trace_id()
    {
        const string path = "/v1/charges/0192f0c4-5b7e-7c1a-9d3e-4f5a6b7c8d9e/evidence";
        using var admin = silo.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("no charge 0192f0c4-5b7e-7c1a-9d3e-4f5a6b7c8d9e is visible to this key", html, StringComparison.Ordinal);
        Assert.Matches($"HTTP 404 · {System.Text.RegularExpressions.Regex.Escape(path)} · trace [^<]+</p>", html);
    }
}
