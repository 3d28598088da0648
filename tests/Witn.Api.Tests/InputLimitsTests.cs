using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Witn.Testing;
using Witn.Testing.Silo;

namespace Witn.Api.Tests;

/// <summary>
/// Findings of the security review (issue 18, limits on input): each request is bounded by what it expands to and by
/// the work and the answer it asks for, and hostile text, query values and request targets are problems, not 500s.
/// </summary>
public sealed class InputLimitsTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private const string NodeBudget = "the document expands to more than 10,000 nodes";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>YAML anchors where each level lists the previous one twice: 2^<paramref name="levels"/> condition leaves in well under 2 KB.</summary>
    internal static string AliasLaughs(int levels, string name = "laughs")
    {
        var yaml = new StringBuilder().Append(CultureInfo.InvariantCulture, $"name: {name}\ncorrelate_by: ticket_id\nsettlement: {{ window: 1h }}\n");
        yaml.Append("qualify:\n  all:\n    - &a0 { seen: ticket.closed }\n");
        for (var i = 1; i <= levels; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    - &a{i} {{ all: [*a{i - 1}, *a{i - 1}] }}\n");
        }

        return yaml.ToString();
    }

    [Fact]
    public async Task validating_a_definition_of_aliases_that_expands_to_millions_of_leaves_answers_at_once_naming_the_node_budget()
    {
        using var reader = await ReadKeyClientAsync();
        var watch = Stopwatch.StartNew();

        using var response = await reader.PostAsync("/v1/outcomes/validate", OutcomesApiTests.Yaml(AliasLaughs(20)), Ct);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.False(answer.GetProperty("valid").GetBoolean());
        var error = Assert.Single(answer.GetProperty("errors").EnumerateArray().ToList());
        Assert.StartsWith(NodeBudget, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(error.GetProperty("line").GetInt32() > 1);
    }

    [Fact]
    public async Task publishing_an_aliased_definition_or_contract_past_the_node_budget_is_a_400_naming_the_limit()
    {
        using var admin = silo.Client();
        await silo.PutTenantAsync("limits-laughs", Ct);
        var contract = new StringBuilder("currency: USD\nbase_fee: &a0 [1]\n");
        for (var i = 1; i <= 24; i++)
        {
            contract.Append(CultureInfo.InvariantCulture, $"x{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n");
        }

        using var definition = await admin.PutAsync("/v1/outcomes/laughs", OutcomesApiTests.Yaml(AliasLaughs(31)), Ct);
        using var put = await admin.PutAsync("/v1/tenants/limits-laughs/contract", OutcomesApiTests.Yaml(contract.ToString()), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, definition.StatusCode);
        var definitionProblem = await KeysApiTests.ProblemAsync(definition);
        Assert.EndsWith("/invalid-definition", definitionProblem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(NodeBudget, definitionProblem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var contractProblem = await KeysApiTests.ProblemAsync(put);
        Assert.EndsWith("/invalid-contract", contractProblem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(NodeBudget, contractProblem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/outcomes/laughs", Ct)).StatusCode);
    }

    [Fact]
    public async Task evaluating_an_inline_definition_of_hundreds_of_leaves_is_a_400_naming_the_condition_limit_not_a_huge_answer()
    {
        using var reader = await ReadKeyClientAsync();
        var leaves = string.Join(",", Enumerable.Repeat("""{"seen": "ticket.closed"}""", 300));
        var body = $$$"""
            {"definition": {"name": "wide", "correlate_by": "ticket_id", "settlement": {"window": "1h"}, "qualify": {"all": [{{{leaves}}}]}},
             "events": [{"type": "ticket.closed", "timestamp": "2026-11-02T09:30:00Z", "properties": {"ticket_id": "T-1"}}]}
            """;

        using var response = await reader.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await KeysApiTests.ProblemAsync(response)).GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal("definition.qualify.all[255]", error.GetProperty("path").GetString());
        Assert.Equal("the definition has more than 256 conditions (the limit on conditions per definition)", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task an_evaluation_of_more_events_times_conditions_than_the_work_limit_is_a_413_naming_it()
    {
        using var reader = await ReadKeyClientAsync();
        // 26 conditions (all + 25 leaves) × 10,000 routed events = 260,000 > 250,000.
        var body = Evaluate(leaves: 25, events: 10_000, outcomes: 1);

        using var response = await reader.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json(body), Ct);

        var problem = await AssertTooLargeAsync(response);
        Assert.Equal("10,000 routed events × 26 conditions is 260,000, more than the 250,000 an evaluation may take (the limit on evaluation work)",
            problem.GetProperty("detail").GetString());
        Assert.Equal("events", problem.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task an_evaluation_whose_answer_would_pass_8_mib_is_a_413_naming_the_answer_limit()
    {
        using var reader = await ReadKeyClientAsync();
        // 4,000 outcomes of 26 explained conditions each: about 13 MB of answer for 104,000 units of work.
        var body = Evaluate(leaves: 25, events: 4_000, outcomes: 4_000);

        using var response = await reader.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json(body), Ct);

        var problem = await AssertTooLargeAsync(response);
        Assert.Contains("more than the 8 MiB an evaluation may answer (the limit on answer size)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_evaluation_within_the_limits_still_answers()
    {
        using var reader = await ReadKeyClientAsync();

        using var response = await reader.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json(Evaluate(leaves: 24, events: 10_000, outcomes: 1)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("qualified", Assert.Single(answer.GetProperty("outcomes").EnumerateArray().ToList()).GetProperty("state").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("POST", "/v1/outcomes/validate")]
    [InlineData("PUT", "/v1/outcomes/surrogate")]
    [InlineData("PUT", "/v1/tenants/limits-surrogate/contract")]
    [InlineData("PUT", "/v1/tenants/limits-surrogate")]
    [InlineData("POST", "/v1/outcomes/evaluate")]
    public async Task a_lone_surrogate_escape_in_a_json_body_is_a_400_naming_the_field(string method, string path)
    {
        using var admin = silo.Client();
        await silo.PutTenantAsync("limits-surrogate", Ct);

        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = KeysApiTests.Json("""{"name": "\ud800"}""") }, Ct);

        var error = await AssertSingleErrorAsync(response, HttpStatusCode.BadRequest, "$.name");
        Assert.Equal("$.name holds an unpaired surrogate escape (\\uD800-\\uDFFF), which is no character", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/outcomes/surrogate", Ct)).StatusCode);
    }

    [Fact]
    public async Task a_lone_surrogate_in_the_properties_of_an_evaluated_event_is_a_400_naming_it()
    {
        using var reader = await ReadKeyClientAsync();
        var body = """
            {"definition_yaml": "name: t\ncorrelate_by: ticket_id\nqualify: { seen: a }\nsettlement: { window: 1h }\n",
             "events": [{"type": "a", "timestamp": "2026-11-02T09:30:00Z", "properties": {"ticket_id": "\ud800"}}]}
            """;

        using var response = await reader.PostAsync("/v1/outcomes/evaluate", KeysApiTests.Json(body), Ct);

        await AssertSingleErrorAsync(response, HttpStatusCode.BadRequest, "$.events[0].properties.ticket_id");
    }

    [Theory]
    [InlineData("?correlation=%00", "correlation")]
    [InlineData("?correlation=a%00b", "correlation")]
    [InlineData("?after=ticket_resolved/a%00b", "after")]
    [InlineData("?state=open&definition=%00", "definition")]
    public async Task a_nul_in_a_query_value_is_a_400_naming_the_parameter(string query, string parameter)
    {
        await silo.PutTenantAsync("limits-nul", Ct);
        using var reader = await ReadKeyClientAsync();

        using var response = await reader.GetAsync($"/v1/tenants/limits-nul/outcomes{query}", Ct);

        var error = await AssertSingleErrorAsync(response, HttpStatusCode.BadRequest, parameter);
        Assert.Equal($"{parameter} holds a NUL character (U+0000, %00)", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("/v1/tenants/%2e%2e/outcomes", "segment 3 of the path ('%2e%2e') is a dot segment")]
    [InlineData("/v1/tenants/%2E%2E/outcomes", "segment 3 of the path ('%2E%2E') is a dot segment")]
    [InlineData("/v1/tenants/.%2e/outcomes", "segment 3 of the path ('.%2e') is a dot segment")]
    [InlineData("/v1/tenants/../outcomes", "segment 3 of the path ('..') is a dot segment")]
    [InlineData("/v1/outcomes/%2e", "segment 3 of the path ('%2e') is a dot segment")]
    [InlineData("/v1/tenants/a%2Fb", "segment 3 of the path ('a%2Fb') holds an encoded slash (%2F)")]
    [InlineData("/v1/tenants/acme/outcomes/ticket_resolved/T%2f1", "segment 6 of the path ('T%2f1') holds an encoded slash (%2F)")]
    public async Task an_encoded_dot_segment_or_slash_in_the_path_is_a_400_not_another_route(string target, string message)
    {
        using var reader = await ReadKeyClientAsync();

        var answer = await RawHttp.SendAsync(silo.BaseAddress, "GET", target, reader.DefaultRequestHeaders.Authorization!.Parameter, cancellationToken: Ct);

        Assert.Equal(400, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        var error = Assert.Single(JsonDocument.Parse(answer.Body).RootElement.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal("path", error.GetProperty("path").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("listened_types", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT", "/v1/tenants/limits-charset", "application/json; charset=latin1", """{"name": "x"}""")]
    [InlineData("PUT", "/v1/tenants/limits-charset", "application/json; charset=\"utf-16\"", """{"name": "x"}""")]
    [InlineData("POST", "/v1/outcomes/evaluate", "application/json; charset=iso-8859-1", """{"name": "ticket_resolved", "events": []}""")]
    [InlineData("PUT", "/v1/outcomes/charset", "application/yaml; charset=latin1", "name: charset")]
    [InlineData("PUT", "/v1/outcomes/charset", "application/json; charset=windows-1252", """{"name": "charset"}""")]
    [InlineData("PUT", "/v1/tenants/limits-charset/contract", "application/yaml; charset=latin1", "currency: USD")]
    [InlineData("POST", "/v1/events", "application/json; charset=latin1", """{"tenant_id": "limits-charset", "type": "a", "timestamp": "2026-11-02T09:00:00Z", "idempotency_key": "k"}""")]
    [InlineData("POST", "/v1/events", "application/cloudevents+json; charset=utf-16", "{}")]
    public async Task a_body_declared_in_a_charset_other_than_utf_8_is_the_same_415_on_every_route(string method, string path, string contentType, string body)
    {
        using var admin = silo.Client();
        await silo.PutTenantAsync("limits-charset", Ct);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content }, Ct);

        var error = await AssertSingleErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "$");
        Assert.StartsWith("unsupported charset", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/unsupported-charset", (await KeysApiTests.ProblemAsync(response)).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/outcomes/charset", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF8")]
    [InlineData("application/json")]
    public async Task a_body_declared_as_utf_8_or_without_a_charset_is_read(string contentType)
    {
        using var admin = silo.Client();
        using var content = new ByteArrayContent("""{"name": "Charset"}"""u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await admin.PutAsync("/v1/tenants/limits-utf8", content, Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("PUT", "/v1/outcomes/big", "application/yaml", 1024 * 1024 + 1, "the body is larger than 1 MiB, the limit on a definition")]
    [InlineData("PUT", "/v1/tenants/limits-big", "application/json", 8 * 1024 * 1024 + 1, "the body is larger than 8 MiB, the limit on a JSON body")]
    public async Task a_body_over_its_route_limit_is_a_413_naming_the_limit(string method, string path, string contentType, int bytes, string detail)
    {
        using var admin = silo.Client();
        var body = new byte[bytes];
        Array.Fill(body, (byte)' ');
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        // The server answers from the Content-Length, before the body: with 100-continue the client does not send it.
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        request.Headers.ExpectContinue = true;

        using var response = await admin.SendAsync(request, Ct);

        await AssertSingleErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "$");
        var problem = await KeysApiTests.ProblemAsync(response);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.EndsWith("/request-too-large", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    // Leaves that all hold under all:, and events spread over the given number of correlation values.
    private static string Evaluate(int leaves, int events, int outcomes)
    {
        var conditions = string.Join(",", Enumerable.Repeat("""{"seen": "t0"}""", leaves));
        var list = string.Join(",", Enumerable.Range(0, events).Select(i =>
            $$$"""{"type": "t0", "timestamp": "2026-11-02T09:30:00Z", "properties": {"ticket_id": "T-{{{i % outcomes}}}"}}"""));
        return $$$"""
            {"definition": {"name": "work", "correlate_by": "ticket_id", "settlement": {"window": "1h"}, "qualify": {"all": [{{{conditions}}}]}},
             "events": [{{{list}}}], "now": "2026-11-02T10:00:00Z"}
            """;
    }

    private async Task<HttpClient> ReadKeyClientAsync()
    {
        using var admin = silo.Client();
        using var created = await admin.PostAsync("/v1/keys", KeysApiTests.Json("""{"name": "limits-reader", "scopes": ["read"]}"""), Ct);
        created.EnsureSuccessStatusCode();
        return silo.Client(JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("key").GetString());
    }

    private static async Task<JsonElement> AssertTooLargeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 400)]}");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.EndsWith("/request-too-large", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        return problem;
    }

    private static async Task<JsonElement> AssertSingleErrorAsync(HttpResponseMessage response, HttpStatusCode status, string path)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 400)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal(path, error.GetProperty("path").GetString());
        return error.Clone();
    }
}
