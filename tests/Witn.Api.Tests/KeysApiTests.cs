using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests;

public sealed class KeysApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    [Fact]
    public async Task a_request_without_a_key_is_401_with_a_problem_that_says_what_to_send()
    {
        using var client = silo.Anonymous();

        using var response = await client.GetAsync("/v1/keys");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer realm=\"witn\"", response.Headers.WwwAuthenticate.ToString());
        var problem = await ProblemAsync(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("no API key was sent: send 'Authorization: Bearer <key>'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key", "the API key is malformed (keys look like wk_<16 hex digits>_<secret>)")]
    [InlineData("wk_0123456789abcdef_guessed-secret", "the API key is unknown, revoked or expired")]
    public async Task a_wrong_key_is_401_naming_what_is_wrong(string key, string reason)
    {
        using var client = silo.Client(key);

        using var response = await client.GetAsync("/v1/keys");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith(reason + ":", (await ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_guessed_secret_for_a_real_key_id_is_rejected()
    {
        var (id, _) = await CreateAsync("real", ["read"]);
        using var client = silo.Client($"wk_{id}_guessed-secret");

        using var response = await client.GetAsync("/v1/cluster");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task a_key_without_the_scope_is_403_naming_the_missing_scope()
    {
        var (_, ingestKey) = await CreateAsync("ingest only", ["ingest"]);
        using var client = silo.Client(ingestKey);

        using var response = await client.GetAsync("/v1/keys");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("this key lacks the 'admin' scope; ask an admin for a key with it (POST /v1/keys)",
            (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task an_admin_creates_a_key_whose_secret_is_shown_once_and_never_listed()
    {
        using var admin = silo.Client();
        (await admin.PutAsync("/v1/tenants/acme", Json("""{"name":"Acme"}"""))).EnsureSuccessStatusCode();

        using var created = await admin.PostAsync("/v1/keys", Json("""{"name":"support-bot","scopes":["ingest","read"],"tenant_id":"acme"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        var secret = body.GetProperty("key").GetString()!;
        Assert.StartsWith($"wk_{id}_", secret, StringComparison.Ordinal);
        Assert.Equal($"/v1/keys/{id}", created.Headers.Location?.ToString());
        Assert.Equal("acme", body.GetProperty("tenant_id").GetString());

        var listed = string.Join("\n", (await PagedList.AllAsync(admin, "/v1/keys")).Select(k => k.GetRawText()));
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[(4 + 16 + 1)..], listed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"key\"", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_revoked_key_stops_working_at_once()
    {
        var (id, key) = await CreateAsync("short-lived", ["admin"]);
        using var holder = silo.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/v1/keys")).StatusCode);

        using var revoke = await silo.Client().DeleteAsync($"/v1/keys/{id}");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await revoke.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked_at").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await holder.GetAsync("/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task revoking_an_unknown_key_is_404()
    {
        using var response = await silo.Client().DeleteAsync("/v1/keys/ffffffffffffffff");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no API key has the id 'ffffffffffffffff'; GET /v1/keys lists the ids", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task an_invalid_key_request_lists_every_error_with_its_path_and_fix()
    {
        using var response = await silo.Client().PostAsync("/v1/keys", Json("""{"name":"","scopes":["read","write"],"tenant_id":"Acme Corp"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal(
            [("name", "name is required"), ("scopes[1]", "unknown scope 'write'"), ("tenant_id", "'Acme Corp' is not a valid tenant id")],
            errors);
    }

    [Theory]
    [InlineData("""{"name":"x","scopes":["read"]""", "$", "the body is not valid JSON for this request (line 1, byte 30): ")]
    [InlineData("""{"name":"x","scopes":["read"],"colour":"blue"}""", "$.colour", "the body is not valid JSON for this request (line 1, byte 40): unknown field 'colour'")]
    [InlineData("""{"name":"x","scopes":"read"}""", "$.scopes", "the body is not valid JSON for this request (line 1, byte 28): scopes must be a list")]
    public async Task a_body_that_is_not_the_expected_json_is_400_saying_where(string body, string path, string detailStart)
    {
        using var response = await silo.Client().PostAsync("/v1/keys", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.StartsWith(detailStart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(path, problem.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task an_admin_key_restricted_to_a_tenant_lists_and_revokes_only_that_tenants_keys()
    {
        using var admin = silo.Client();
        var mine = $"keys-{Guid.NewGuid().ToString("N")[..8]}";
        var theirs = $"keys-{Guid.NewGuid().ToString("N")[..8]}";
        await silo.PutTenantAsync(mine, TestContext.Current.CancellationToken);
        await silo.PutTenantAsync(theirs, TestContext.Current.CancellationToken);
        var tenantAdmin = await CreateAsync(admin, $$"""{"name":"tenant admin","scopes":["admin"],"tenant_id":"{{mine}}"}""");
        var myKey = await CreateAsync(admin, $$"""{"name":"mine","scopes":["read"],"tenant_id":"{{mine}}"}""");
        var theirKey = await CreateAsync(admin, $$"""{"name":"theirs","scopes":["read"],"tenant_id":"{{theirs}}"}""");
        var operatorKey = await CreateAsync(admin, """{"name":"operator","scopes":["read"]}""");
        using var restricted = silo.Client(tenantAdmin.GetProperty("key").GetString());

        var listed = await PagedList.AllAsync(restricted, "/v1/keys");

        Assert.All(listed, k => Assert.Equal(mine, k.GetProperty("tenant_id").GetString()));
        Assert.Contains(listed, k => k.GetProperty("id").GetString() == myKey.GetProperty("id").GetString());
        foreach (var other in new[] { theirKey, operatorKey })
        {
            using var refused = await restricted.DeleteAsync($"/v1/keys/{other.GetProperty("id").GetString()}");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            using var stillWorks = await silo.Client(other.GetProperty("key").GetString()).GetAsync($"/v1/tenants");
            Assert.NotEqual(HttpStatusCode.Unauthorized, stillWorks.StatusCode);
        }

        using var revoked = await restricted.DeleteAsync($"/v1/keys/{myKey.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
    }

    private static async Task<JsonElement> CreateAsync(HttpClient admin, string body)
    {
        using var response = await admin.PostAsync("/v1/keys", Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task a_field_sent_twice_is_400_naming_it()
    {
        using var response = await silo.Client().PostAsync("/v1/keys", Json("""{"name":"x","name":"y","scopes":["read"]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Contains("Duplicate", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("$.name", problem.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task a_body_that_is_not_json_at_all_is_400_naming_the_content_type()
    {
        using var response = await silo.Client().PostAsync("/v1/keys", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the body must be JSON (Content-Type: application/json), not 'application/x-www-form-urlencoded; charset=utf-8'",
            (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    private async Task<(string Id, string Key)> CreateAsync(string name, string[] scopes)
    {
        using var response = await silo.Client().PostAsJsonAsync("/v1/keys", new { name, scopes });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
