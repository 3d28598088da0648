using System.Net;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>One rule, one place, through the real host: what one door takes, every door takes, and refuses alike.</summary>
public sealed class RulesApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>, IAsyncLifetime
{
    private const string Tenant = "rules-acme";

    private const string Definition = """{"name": "t", "correlate_by": "ticket_id", "settlement": {"window": "1h"}, "qualify": {"seen": "ticket.closed"}}""";

    public async ValueTask InitializeAsync()
    {
        using var admin = silo.Client();
        using var tenant = await admin.PutAsync($"/v1/tenants/{Tenant}", KeysApiTests.Json("""{"name":"Acme","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""));
        Assert.True(tenant.IsSuccessStatusCode, await tenant.Content.ReadAsStringAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task evaluate_refuses_an_agent_id_ingestion_refuses()
    {
        using var admin = silo.Client();
        var agent = new string('a', 129);

        using var evaluated = await admin.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json($$$"""
            {"definition": {{{Definition}}}, "events": [{"type": "ticket.closed", "timestamp": "2026-11-02T09:30:00Z", "agent": {"id": "{{{agent}}}"}, "properties": {"ticket_id": "T-1"}}]}
            """));
        using var ingested = await admin.PostAsync("/v1/events", KeysApiTests.Json($$$"""
            {"tenant_id": "{{{Tenant}}}", "type": "ticket.closed", "timestamp": "2026-11-02T09:30:00Z", "idempotency_key": "agent-129", "agent": {"id": "{{{agent}}}"}, "properties": {"ticket_id": "T-1"}}
            """));

        Assert.Equal(HttpStatusCode.BadRequest, evaluated.StatusCode);
        var error = Assert.Single((await KeysApiTests.ProblemAsync(evaluated)).GetProperty("errors").EnumerateArray());
        Assert.Equal("events[0].agent.id", error.GetProperty("path").GetString());
        Assert.Equal("agent.id is 129 characters long; the limit is 128", error.GetProperty("message").GetString());
        var result = JsonDocument.Parse(await ingested.Content.ReadAsStringAsync()).RootElement.GetProperty("results")[0];
        Assert.Equal("rejected", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task evaluate_keeps_the_microseconds_ingestion_stores_and_no_more()
    {
        using var admin = silo.Client();

        using var response = await admin.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json($$$"""
            {"definition": {{{Definition}}}, "events": [{"type": "ticket.closed", "timestamp": "2026-11-02T10:30:00.1234567+01:00", "properties": {"ticket_id": "T-1"}}],
             "now": "2026-11-02T09:40:00.9999999Z"}
            """));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal("2026-11-02T09:30:00.123456+00:00", answer.GetProperty("outcomes")[0].GetProperty("state").GetProperty("first_event_at").GetString());
        Assert.Equal("2026-11-02T09:40:00.999999+00:00", answer.GetProperty("now").GetString());
    }

    [Fact]
    public async Task a_contract_meter_on_an_event_type_agents_cannot_send_is_refused_naming_its_path()
    {
        using var admin = silo.Client();
        using var content = new StringContent("""
            currency: USD
            meters:
              calls: { event: API.Called, aggregate: count, unit_price: 0.001 }
            """, Encoding.UTF8, "application/yaml");

        using var response = await admin.PutAsync($"/v1/tenants/{Tenant}/contract", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await KeysApiTests.ProblemAsync(response);
        Assert.EndsWith("/invalid-contract", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("meters.calls.event", error.GetProperty("path").GetString());
        Assert.StartsWith("write it in lower case, api.called", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_tenant_timezone_that_is_no_tz_database_name_is_refused_with_a_suggestion()
    {
        using var admin = silo.Client();

        using var response = await admin.PutAsync("/v1/tenants/rules-zone", KeysApiTests.Json("""{"name": "Zone", "timezone": "America/Santiagoo"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await KeysApiTests.ProblemAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("timezone", error.GetProperty("path").GetString());
        Assert.StartsWith("did you mean 'America/Santiago'?", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_events_body_over_its_limit_is_the_same_413_problem_as_every_other_body()
    {
        using var admin = silo.Client();
        var body = new byte[1024 * 1024 + 1];
        Array.Fill(body, (byte)' ');

        using var events = await SendLargeAsync(admin, "POST", "/v1/events", body);
        using var json = await SendLargeAsync(admin, "PUT", "/v1/tenants/rules-big", new byte[8 * 1024 * 1024 + 1]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, events.StatusCode);
        var problem = await KeysApiTests.ProblemAsync(events);
        var other = await KeysApiTests.ProblemAsync(json);
        Assert.Equal("the body is larger than 1 MiB, the limit on events", problem.GetProperty("detail").GetString());
        Assert.Equal(other.GetProperty("type").GetString(), problem.GetProperty("type").GetString());
        Assert.Equal(other.GetProperty("title").GetString(), problem.GetProperty("title").GetString());
        Assert.Equal("$", Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task nanoseconds_as_rfc_3339_allows_are_read_in_a_query_a_body_and_an_event_alike()
    {
        using var admin = silo.Client();
        const string At = "2026-11-02T10:00:01.123456789Z";

        using var query = await admin.GetAsync($"/v1/tenants/{Tenant}/contract?at={At}");
        using var body = await admin.PostAsync($"/v1/tenants/{Tenant}/clock/advance", KeysApiTests.Json($$"""{"to": "{{At}}"}"""));
        using var ingested = await admin.PostAsync("/v1/events", KeysApiTests.Json($$$"""
            {"tenant_id": "{{{Tenant}}}", "type": "ticket.closed", "timestamp": "{{{At}}}", "idempotency_key": "nanos", "properties": {"ticket_id": "T-9"}}
            """));

        // No contract yet: a 404 that says so, not a 400 about the instant.
        Assert.Equal(HttpStatusCode.NotFound, query.StatusCode);
        Assert.True(body.IsSuccessStatusCode, await body.Content.ReadAsStringAsync());
        Assert.Equal("2026-11-02T10:00:01.123456+00:00", JsonDocument.Parse(await body.Content.ReadAsStringAsync()).RootElement.GetProperty("now").GetString());
        var result = JsonDocument.Parse(await ingested.Content.ReadAsStringAsync()).RootElement.GetProperty("results")[0];
        Assert.Equal("accepted", result.GetProperty("status").GetString());
    }

    private static async Task<HttpResponseMessage> SendLargeAsync(HttpClient client, string method, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        // The server answers from the Content-Length, before the body: with 100-continue the client does not send it.
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request);
    }
}
