using System.Net;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>Findings from fuzzing the running engine: hostile input is a 400 or 404 problem that says what and where, never a 500.</summary>
public sealed class HostileInputTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private const string TenantRule = "1-64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit";

    private static readonly string TicketResolved = File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("POST", "/v1/keys", """{"name":"x\u0000y","scopes":["read"]}""", "$.name")]
    [InlineData("PUT", "/v1/tenants/s7", """{"name":"x\u0000"}""", "$.name")]
    [InlineData("POST", "/v1/webhooks", """{"url":"https://x.example/a\u0000","events":["charge.committed"]}""", "$.url")]
    [InlineData("POST", "/v1/webhooks", """{"url":"https://x.example/a","events":["charge.committed","\u0000"]}""", "$.events[1]")]
    [InlineData("POST", "/v1/keys", "{\"name\":\"x\0y\",\"scopes\":[\"read\"]}", "$")]
    public async Task a_nul_character_in_a_json_body_is_400_naming_where_it_is_and_stores_nothing(string method, string path, string body, string errorPath)
    {
        using var admin = silo.Client();
        var keysBefore = await admin.GetStringAsync("/v1/keys", Ct);

        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = KeysApiTests.Json(body) }, Ct);

        var error = await AssertSingleErrorAsync(response, HttpStatusCode.BadRequest, errorPath);
        Assert.Contains("NUL character (U+0000)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("remove the NUL character", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/tenants/s7", Ct)).StatusCode);
        Assert.Equal(keysBefore, await admin.GetStringAsync("/v1/keys", Ct));
        Assert.DoesNotContain("x.example", await admin.GetStringAsync("/v1/webhooks", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_nul_character_in_a_definition_is_400_naming_its_line_in_yaml_and_its_path_in_json_and_stores_nothing()
    {
        using var admin = silo.Client();
        var yaml = "# a comment with a NUL: \0\n" + TicketResolved.Replace("name: ticket_resolved", "name: nul_yaml", StringComparison.Ordinal);

        using var raw = await admin.PutAsync("/v1/outcomes/nul_yaml", OutcomesApiTests.Yaml(yaml), Ct);
        using var escaped = await admin.PutAsync("/v1/outcomes/nul_json", KeysApiTests.Json("""{"name":"nul_json","description":"a\u0000b"}"""), Ct);

        var rawError = await AssertSingleErrorAsync(raw, HttpStatusCode.BadRequest, "$");
        Assert.StartsWith("line 1, column 25 holds a NUL character", rawError.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertSingleErrorAsync(escaped, HttpStatusCode.BadRequest, "$.description");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/outcomes/nul_yaml", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/outcomes/nul_json", Ct)).StatusCode);
    }

    [Fact]
    public async Task a_nul_behind_a_byte_order_mark_or_a_lone_surrogate_is_still_a_400_never_a_500()
    {
        using var admin = silo.Client();

        using var bom = await admin.PutAsync("/v1/outcomes/nul_bom", KeysApiTests.Json("\uFEFF" + """{"name":"nul_bom","description":"a\u0000b"}"""), Ct);
        using var surrogate = await admin.PutAsync("/v1/tenants/nul-surrogate", KeysApiTests.Json("""{"name":"\ud800","timezone":"\u0000"}"""), Ct);

        await AssertSingleErrorAsync(bom, HttpStatusCode.BadRequest, "$.description");
        Assert.Equal(HttpStatusCode.BadRequest, surrogate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/outcomes/nul_bom", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/tenants/nul-surrogate", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("application/yaml", "currency: USD\nbase_fee: 1 # \0\n", "$", "line 2, column 15 holds a NUL character")]
    [InlineData("application/json", """{"currency":"USD","base_fee":1,"prices":{"ticket_resolved":{"unit_price":1,"by":{"a":{"x\u0000":1}}}}}""",
        "$.prices.ticket_resolved.by.a['x\\u0000']", "$.prices.ticket_resolved.by.a['x\\u0000'] holds a NUL character")]
    public async Task a_nul_character_in_a_contract_is_400_naming_where_it_is_and_stores_nothing(string contentType, string body, string errorPath, string message)
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync(admin, "nul-contract");

        using var response = await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(body, Encoding.UTF8, contentType), Ct);

        var error = await AssertSingleErrorAsync(response, HttpStatusCode.BadRequest, errorPath);
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/tenants/{tenant}/contract", Ct)).StatusCode);
    }

    [Fact]
    public async Task an_escaped_nul_in_a_yaml_scalar_is_an_invalid_contract_naming_its_line()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync(admin, "nul-escape");

        using var response = await admin.PutAsync($"/v1/tenants/{tenant}/contract", OutcomesApiTests.Yaml("base_fee: 1\ncurrency: \"US\\0D\"\n"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await KeysApiTests.ProblemAsync(response)).GetProperty("errors")[0];
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Contains("NUL character (U+0000)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/tenants/{tenant}/contract", Ct)).StatusCode);
    }

    [Fact]
    public async Task a_key_restricted_to_a_tenant_that_does_not_exist_is_400_naming_tenant_id()
    {
        using var admin = silo.Client();

        using var response = await admin.PostAsync("/v1/keys", KeysApiTests.Json("""{"name":"x","scopes":["read"],"tenant_id":"nope"}"""), Ct);

        var error = await AssertSingleErrorAsync(response, HttpStatusCode.BadRequest, "tenant_id");
        Assert.Equal("no tenant 'nope' is visible to this key", error.GetProperty("message").GetString());
        Assert.Contains("PUT /v1/tenants/nope", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"nope\"", await admin.GetStringAsync("/v1/keys", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://x.example/a b\\r\\nX-Injected: 1", "url has a space at position 20")]
    [InlineData("https://x.example/a\\r\\nX-Injected: 1", "url has a carriage return (CR) at position 20")]
    [InlineData("https://x.example/a\\tb", "url has a tab at position 20")]
    [InlineData("https://", "'https://' is not an absolute URL")]
    public async Task a_webhook_url_with_whitespace_or_control_characters_is_400_naming_url_and_stores_nothing(string url, string message)
    {
        using var admin = silo.Client();

        using var response = await admin.PostAsync("/v1/webhooks", KeysApiTests.Json($$"""{"url":"{{url}}","events":["charge.committed"]}"""), Ct);

        var error = await AssertSingleErrorAsync(response, HttpStatusCode.BadRequest, "url");
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Empty(await PagedList.AllAsync(admin, "/v1/webhooks", Ct));
    }

    [Theory]
    [InlineData("%20")]
    [InlineData("%09")]
    [InlineData("%20%20%09")]
    public async Task a_probe_key_of_only_whitespace_is_400_naming_key(string key)
    {
        using var response = await silo.Client().PostAsync($"/v1/cluster/probes/{key}", null, Ct);

        await AssertSingleErrorAsync(response, HttpStatusCode.BadRequest, "key");
    }

    [Theory]
    [InlineData("GET", "/v1/tenants/BAD")]
    [InlineData("GET", "/v1/tenants/BAD/charges")]
    [InlineData("GET", "/v1/tenants/BAD/credits")]
    [InlineData("GET", "/v1/tenants/BAD/outcomes")]
    [InlineData("GET", "/v1/tenants/BAD/outcomes/ticket_resolved/T-1")]
    [InlineData("GET", "/v1/tenants/BAD/invoices")]
    [InlineData("GET", "/v1/tenants/BAD/contract")]
    [InlineData("POST", "/v1/tenants/BAD/clock/advance")]
    [InlineData("POST", "/v1/tenants/BAD/reviews/ticket_resolved/T-1")]
    [InlineData("GET", "/v1/reviews?tenant=BAD")]
    [InlineData("GET", "/v1/reviews?tenant=")]
    public async Task a_malformed_tenant_id_in_a_path_or_query_is_400_naming_tenant_with_the_rule(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = KeysApiTests.Json("""{"to":"2026-11-03T00:00:00Z","decision":"approve"}""");
        }

        using var response = await silo.Client().SendAsync(request, Ct);

        var error = await AssertSingleErrorAsync(response, HttpStatusCode.BadRequest, "tenant");
        Assert.Contains(TenantRule, error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/v1/tenants/nope")]
    [InlineData("GET", "/v1/tenants/nope/charges")]
    [InlineData("GET", "/v1/tenants/nope/credits")]
    [InlineData("GET", "/v1/tenants/nope/outcomes")]
    [InlineData("GET", "/v1/tenants/nope/outcomes/ticket_resolved/T-1")]
    [InlineData("GET", "/v1/tenants/nope/invoices")]
    [InlineData("GET", "/v1/tenants/nope/contract")]
    [InlineData("GET", "/v1/reviews?tenant=nope")]
    [InlineData("POST", "/v1/tenants/nope/clock/advance")]
    [InlineData("POST", "/v1/tenants/nope/reviews/ticket_resolved/T-1")]
    public async Task an_unknown_tenant_is_the_same_404_on_every_route_that_names_it(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = KeysApiTests.Json("""{"to":"2026-11-03T00:00:00Z","decision":"approve"}""");
        }

        using var response = await silo.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no tenant 'nope' is visible to this key; create it with PUT /v1/tenants/nope",
            (await KeysApiTests.ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task a_review_decision_names_a_malformed_or_unknown_definition_instead_of_saying_not_in_review()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync(admin, "review-names");
        var approve = KeysApiTests.Json("""{"decision":"approve"}""");

        using var malformed = await admin.PostAsync($"/v1/tenants/{tenant}/reviews/BAD/T-1", approve, Ct);
        using var unknown = await admin.PostAsync($"/v1/tenants/{tenant}/reviews/no_such_definition/T-1", approve, Ct);

        await AssertSingleErrorAsync(malformed, HttpStatusCode.BadRequest, "definition");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("no outcome definition is named 'no_such_definition'; GET /v1/outcomes lists the definitions",
            (await KeysApiTests.ProblemAsync(unknown)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/outcomes/BAD/x")]
    [InlineData("/outcomes?definition=BAD")]
    public async Task a_malformed_definition_name_in_an_outcome_path_or_query_is_400_naming_definition(string path)
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync(admin, "outcome-names");

        using var response = await admin.GetAsync($"/v1/tenants/{tenant}{path}", Ct);

        var error = await AssertSingleErrorAsync(response, HttpStatusCode.BadRequest, "definition");
        Assert.Contains("a-z, 0-9 and '_'", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_line_or_charge_id_of_the_wrong_form_is_400_for_an_existing_tenant_too()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync(admin, "path-forms");

        using var line = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/2026-11-01/lines/-1/items", Ct);
        using var charge = await admin.GetAsync("/v1/charges/0192f0c4", Ct);

        var lineError = await AssertSingleErrorAsync(line, HttpStatusCode.BadRequest, "line");
        Assert.Equal("give line as a whole number from 0", lineError.GetProperty("hint").GetString());
        await AssertSingleErrorAsync(charge, HttpStatusCode.BadRequest, "id");
    }

    [Fact]
    public async Task the_openapi_document_still_says_a_charge_id_is_a_uuid_and_a_line_a_whole_number_from_0()
    {
        using var client = silo.Anonymous();

        var paths = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct)).RootElement.GetProperty("paths");

        var id = Parameter(paths, "/v1/charges/{id}", "id");
        Assert.Equal("string", id.GetProperty("type").GetString());
        Assert.Equal("uuid", id.GetProperty("format").GetString());
        Assert.Equal("uuid", Parameter(paths, "/v1/charges/{id}/evidence", "id").GetProperty("format").GetString());
        var line = Parameter(paths, "/v1/tenants/{tenant}/invoices/{periodStart}/lines/{line}/items", "line");
        Assert.Equal("integer", line.GetProperty("type").GetString());
        Assert.Equal(0, line.GetProperty("minimum").GetInt32());
    }

    private static JsonElement Parameter(JsonElement paths, string path, string name) =>
        paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name).GetProperty("schema");

    private static async Task<string> TenantAsync(HttpClient admin, string prefix)
    {
        var tenant = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"T"}"""), Ct)).EnsureSuccessStatusCode();
        return tenant;
    }

    private static async Task<JsonElement> AssertSingleErrorAsync(HttpResponseMessage response, HttpStatusCode status, string path)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal(path, error.GetProperty("path").GetString());
        return error.Clone();
    }
}
