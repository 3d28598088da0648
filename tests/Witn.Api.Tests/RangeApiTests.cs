using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>
/// Inputs at the ends of the calendar and beyond the decimal range, found by fuzzing: each is a 400 problem, a
/// rejected event or a total result, never a 500 or stored data; and periods before the contract have no invoice.
/// </summary>
public sealed class RangeApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    public async Task a_sandbox_clock_start_outside_the_supported_range_is_a_400_and_creates_no_tenant(string start)
    {
        using var admin = silo.Client();
        var tenant = Fresh("clk");

        using var put = await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json($$"""{"name":"Lab","sandbox":true,"clock_start":"{{start}}"}"""), Ct);

        await AssertInvalidAsync(put, "clock_start");
        using var get = await admin.GetAsync($"/v1/tenants/{tenant}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task a_clock_advance_to_9000_or_later_is_a_400_and_the_clock_stays()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: false);

        using var advance = await admin.PostAsync($"/v1/tenants/{tenant}/clock/advance", KeysApiTests.Json("""{"to":"9999-12-31T23:59:59Z"}"""), Ct);

        await AssertInvalidAsync(advance, "to");
        var results = await SendAsync(admin, tenant, "2026-11-04T12:00:00Z", """{"ticket_id":"T-1"}""");
        Assert.Equal("accepted", results[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59-14:00")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("9999-12-31T23:59:59Z")]
    public async Task an_event_timestamp_outside_the_supported_range_is_rejected_as_out_of_range(string timestamp)
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: false);

        var results = await SendAsync(admin, tenant, timestamp, """{"ticket_id":"T-1"}""");

        Assert.Equal("rejected", results[0].GetProperty("status").GetString());
        Assert.Equal("timestamp_out_of_range", results[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"definition_yaml":"name: t\ncorrelate_by: id\nqualify: { seen: a }\nsettlement: { window: 1h }\n","events":[{"type":"a","timestamp":"9999-12-31T23:59:59Z","properties":{"id":"1"}}]}""", "events[0].timestamp")]
    [InlineData("""{"definition_yaml":"name: t\ncorrelate_by: id\nqualify: { seen: a }\nsettlement: { window: 1h }\n","events":[{"type":"a","timestamp":"9999-12-31T23:59:59-14:00","properties":{"id":"1"}}]}""", "events[0].timestamp")]
    [InlineData("""{"definition_yaml":"name: t\ncorrelate_by: id\nqualify: { seen: a }\nsettlement: { window: 1h }\n","events":[],"now":"9999-12-31T23:59:59Z"}""", "now")]
    public async Task evaluating_at_an_instant_outside_the_supported_range_is_a_400_naming_it(string body, string path)
    {
        using var admin = silo.Client();

        using var response = await admin.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json(body), Ct);

        await AssertInvalidAsync(response, path);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task a_contract_effective_from_outside_the_supported_range_is_a_400_and_stores_nothing(string from)
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: false);

        using var put = await admin.PutAsync($"/v1/tenants/{tenant}/contract", Contract(tenant, from), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("outside the supported range of instants", await put.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var list = await admin.GetAsync($"/v1/tenants/{tenant}/invoices", Ct);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
    }

    [Theory]
    [InlineData("GET", "9999-12-01")]
    [InlineData("POST", "9999-12-01/finalize")]
    [InlineData("GET", "9999-12-01/lines/0/items")]
    [InlineData("GET", "0001-01-01")]
    public async Task an_invoice_period_outside_the_supported_range_is_a_400_naming_period_start(string method, string path)
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: true);

        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/v1/tenants/{tenant}/invoices/{path}"), Ct);

        await AssertInvalidAsync(response, "periodStart");
    }

    [Fact]
    public async Task a_period_before_the_contract_is_a_404_no_contract_and_spends_no_invoice_number()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: true); // acme takes effect on 2026-01-01

        using var finalize = await admin.PostAsync($"/v1/tenants/{tenant}/invoices/2025-12-01/finalize", null, Ct);
        using var draft = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/1999-01-01", Ct);
        using var items = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/2025-12-01/lines/0/items", Ct);

        foreach (var response in new[] { finalize, draft, items })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.EndsWith("no-contract", (await KeysApiTests.ProblemAsync(response)).GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        using var first = await admin.PostAsync($"/v1/tenants/{tenant}/invoices/2026-10-01/finalize", null, Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal($"{tenant.ToUpperInvariant()}-00001", (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString());
    }

    [Fact]
    public async Task a_contract_starting_mid_period_still_invoices_that_period()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: false);
        (await admin.PutAsync($"/v1/tenants/{tenant}/contract", Contract(tenant, "2026-10-15"), Ct)).EnsureSuccessStatusCode();

        var list = await PagedList.PageAsync(admin, $"/v1/tenants/{tenant}/invoices", Ct);
        using var september = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/2026-09-01", Ct);
        using var october = await admin.PostAsync($"/v1/tenants/{tenant}/invoices/2026-10-01/finalize", null, Ct);

        Assert.Equal(["2026-11-01", "2026-10-01"], list.Select(i => i.GetProperty("period_start").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, september.StatusCode);
        Assert.Equal(HttpStatusCode.Created, october.StatusCode);
        var invoice = await october.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"{tenant.ToUpperInvariant()}-00001", invoice.GetProperty("number").GetString());
        Assert.Equal(1, invoice.GetProperty("contract_version").GetInt32());
    }

    [Fact]
    public async Task two_values_of_decimal_max_keep_both_events_in_the_outcome_and_evaluate_answers_200()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: false);
        var name = $"fz_sum_{Guid.NewGuid():N}"[..16];
        var definition = $$$"""{"name":"{{{name}}}","correlate_by":"x","qualify":{"sum":{"of":"fz.val","property":"v","at_least":1}},"settlement":{"window":"1h"}}""";
        (await admin.PutAsync($"/v1/outcomes/{name}", KeysApiTests.Json(definition), Ct)).EnsureSuccessStatusCode();
        const string Max = "79228162514264337593543950335";

        var results = await SendAsync(admin, tenant, "2026-11-04T12:00:00Z", $$"""{"x":"c1","v":{{Max}}}""", "2026-11-04T12:01:00Z", $$"""{"x":"c1","v":{{Max}}}""");
        using var evaluate = await admin.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json($$$"""
            {"name":"{{{name}}}","events":[
              {"type":"fz.val","timestamp":"2026-11-04T12:00:00Z","properties":{"x":"c1","v":{{{Max}}}}},
              {"type":"fz.val","timestamp":"2026-11-04T12:01:00Z","properties":{"x":"c1","v":{{{Max}}}}}]}
            """), Ct);

        Assert.All(results, r => Assert.Equal("accepted", r.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, evaluate.StatusCode);
        var state = (await evaluate.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("outcomes")[0].GetProperty("state");
        Assert.Equal(2, state.GetProperty("event_count").GetInt32());
        Assert.Equal("qualified", state.GetProperty("status").GetString());
        await Eventually.HoldsAsync(async () =>
        {
            using var outcome = await admin.GetAsync($"/v1/tenants/{tenant}/outcomes/{name}/c1", Ct);
            return outcome.StatusCode == HttpStatusCode.OK
                && (await outcome.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("events").GetArrayLength() == 2;
        }, TimeSpan.FromSeconds(30), "the outcome holds both events");
    }

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string path)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        var error = (await KeysApiTests.ProblemAsync(response)).GetProperty("errors")[0];
        Assert.Equal(path, error.GetProperty("path").GetString());
        Assert.Contains("outside the supported range of instants", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Fresh(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    private static StringContent Contract(string tenant, string effectiveFrom) =>
        new(File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"))
            .Replace("tenant: acme", $"tenant: {tenant}", StringComparison.Ordinal)
            .Replace("effective_from: 2026-01-01", $"effective_from: {effectiveFrom}", StringComparison.Ordinal), Encoding.UTF8, "application/yaml");

    private async Task<string> SandboxAsync(HttpClient admin, bool contract)
    {
        _ = silo;
        var tenant = Fresh("rng");
        (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Range","sandbox":true,"clock_start":"2026-11-04T13:00:00Z"}"""), Ct)).EnsureSuccessStatusCode();
        if (contract)
        {
            (await admin.PutAsync($"/v1/tenants/{tenant}/contract", Contract(tenant, "2026-01-01"), Ct)).EnsureSuccessStatusCode();
        }

        return tenant;
    }

    private static async Task<List<JsonElement>> SendAsync(HttpClient admin, string tenant, params string[] timesAndProperties)
    {
        var events = string.Join(",", timesAndProperties.Chunk(2).Select((p, i) =>
            $$$"""{"tenant_id":"{{{tenant}}}","type":"fz.val","timestamp":"{{{p[0]}}}","idempotency_key":"k{{{i}}}","properties":{{{p[1]}}}}"""));
        using var sent = await admin.PostAsync("/v1/events", KeysApiTests.Json($$"""{"events":[{{events}}]}"""), Ct);
        return [.. (await sent.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("results").EnumerateArray()];
    }
}
