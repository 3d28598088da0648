using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Witn.Api.Tests;

public sealed class TenantsApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    [Fact]
    public async Task put_creates_a_tenant_with_201_then_updates_it_with_200()
    {
        using var admin = silo.Client();

        using var created = await admin.PutAsync("/v1/tenants/acme", KeysApiTests.Json("""{"name":"Acme Corp","timezone":"Europe/Berlin"}"""));
        using var updated = await admin.PutAsync("/v1/tenants/acme", KeysApiTests.Json("""{"name":"Acme Corporation","backfill_limit":"60d"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/tenants/acme", created.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var tenant = await admin.GetFromJsonAsync<JsonElement>("/v1/tenants/acme");
        Assert.Equal("Acme Corporation", tenant.GetProperty("name").GetString());
        Assert.Equal("Europe/Berlin", tenant.GetProperty("timezone").GetString());
        Assert.Equal("60d", tenant.GetProperty("backfill_limit").GetString());
        Assert.False(tenant.GetProperty("sandbox").GetBoolean());
        Assert.Equal(JsonValueKind.Null, tenant.GetProperty("clock_start").ValueKind);
    }

    [Fact]
    public async Task a_sandbox_tenant_shows_its_test_clock()
    {
        using var admin = silo.Client();

        using var created = await admin.PutAsync("/v1/tenants/sandbox-1", KeysApiTests.Json("""{"name":"Lab","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""));

        var tenant = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(tenant.GetProperty("sandbox").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero), tenant.GetProperty("clock_now").GetDateTimeOffset());
        Assert.Equal("35d", tenant.GetProperty("backfill_limit").GetString());
    }

    [Fact]
    public async Task an_invalid_tenant_lists_every_error_and_stores_nothing()
    {
        using var admin = silo.Client();

        using var response = await admin.PutAsync("/v1/tenants/broken", KeysApiTests.Json("""{"timezone":"Nowhere/Land","sandbox":true,"backfill_limit":"soon"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await KeysApiTests.ProblemAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Equal(["name", "timezone", "clock_start", "backfill_limit"], errors);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/tenants/broken")).StatusCode);
    }

    [Fact]
    public async Task a_tenant_id_outside_the_rules_is_400()
    {
        using var response = await silo.Client().PutAsync("/v1/tenants/Acme_Corp!", KeysApiTests.Json("""{"name":"x"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("id", (await KeysApiTests.ProblemAsync(response)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task a_key_restricted_to_one_tenant_sees_nothing_of_another()
    {
        using var admin = silo.Client();
        (await admin.PutAsync("/v1/tenants/iso-a", KeysApiTests.Json("""{"name":"A"}"""))).EnsureSuccessStatusCode();
        (await admin.PutAsync("/v1/tenants/iso-b", KeysApiTests.Json("""{"name":"B"}"""))).EnsureSuccessStatusCode();
        using var keyResponse = await admin.PostAsync("/v1/keys", KeysApiTests.Json("""{"name":"a reader","scopes":["read"],"tenant_id":"iso-a"}"""));
        var key = (await keyResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        using var reader = silo.Client(key);

        var listed = (await reader.GetFromJsonAsync<JsonElement>("/v1/tenants")).EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();

        Assert.Equal(["iso-a"], listed);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v1/tenants/iso-a")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/v1/tenants/iso-b")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsync("/v1/tenants/iso-a", KeysApiTests.Json("""{"name":"mine now"}"""))).StatusCode);
    }

    [Fact]
    public async Task switching_sandbox_mode_after_creation_is_refused()
    {
        using var admin = silo.Client();
        (await admin.PutAsync("/v1/tenants/fixed-mode", KeysApiTests.Json("""{"name":"F"}"""))).EnsureSuccessStatusCode();

        using var response = await admin.PutAsync("/v1/tenants/fixed-mode", KeysApiTests.Json("""{"sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await KeysApiTests.ProblemAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Equal(["sandbox", "clock_start"], errors);
    }
}
