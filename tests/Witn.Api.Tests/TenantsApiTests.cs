using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Witn.Testing;

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

    [Theory]
    [InlineData("2026-11-02T10:00:00")]
    [InlineData("2026-11-02")]
    [InlineData("12:00")]
    public async Task an_instant_without_a_time_and_an_offset_is_400_naming_it_because_it_would_be_read_in_the_servers_zone(string instant)
    {
        using var admin = silo.Client();
        var tenant = $"zone-{Guid.NewGuid().ToString("N")[..8]}";

        using var put = await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json($$"""{"name":"Zone","sandbox":true,"clock_start":"{{instant}}"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var error = (await KeysApiTests.ProblemAsync(put)).GetProperty("errors")[0];
        Assert.Equal("$.clock_start", error.GetProperty("path").GetString());
        Assert.Contains($"'{instant}' is not an instant with a time and an offset", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        using var missing = await admin.GetAsync($"/v1/tenants/{tenant}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var created = await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Zone","sandbox":true,"clock_start":"2026-11-02T10:00:00+01:00"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var advance = await admin.PostAsync($"/v1/tenants/{tenant}/clock/advance", KeysApiTests.Json($$"""{"to":"{{instant}}"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, advance.StatusCode);
        Assert.Equal("$.to", (await KeysApiTests.ProblemAsync(advance)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task a_new_tenant_does_not_finalize_automatically_and_waits_an_hour_by_default()
    {
        using var admin = silo.Client();

        using var created = await admin.PutAsync("/v1/tenants/invoicing-defaults", KeysApiTests.Json("""{"name":"Defaults"}"""));

        var tenant = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(tenant.GetProperty("auto_finalize").GetBoolean());
        Assert.Equal("1h", tenant.GetProperty("finalize_grace").GetString());
    }

    [Fact]
    public async Task the_invoicing_settings_are_stored_and_an_update_that_leaves_them_out_keeps_them()
    {
        using var admin = silo.Client();

        (await admin.PutAsync("/v1/tenants/invoicing-set", KeysApiTests.Json("""{"name":"Set","auto_finalize":true,"finalize_grace":"48h"}"""))).EnsureSuccessStatusCode();
        var created = await admin.GetFromJsonAsync<JsonElement>("/v1/tenants/invoicing-set");
        (await admin.PutAsync("/v1/tenants/invoicing-set", KeysApiTests.Json("""{"name":"Set again","backfill_limit":"60d"}"""))).EnsureSuccessStatusCode();
        var renamed = await admin.GetFromJsonAsync<JsonElement>("/v1/tenants/invoicing-set");
        (await admin.PutAsync("/v1/tenants/invoicing-set", KeysApiTests.Json("""{"auto_finalize":false,"finalize_grace":"0s"}"""))).EnsureSuccessStatusCode();
        var changed = await admin.GetFromJsonAsync<JsonElement>("/v1/tenants/invoicing-set");

        Assert.True(created.GetProperty("auto_finalize").GetBoolean());
        Assert.Equal("2d", created.GetProperty("finalize_grace").GetString());
        Assert.True(renamed.GetProperty("auto_finalize").GetBoolean());
        Assert.Equal("2d", renamed.GetProperty("finalize_grace").GetString());
        Assert.False(changed.GetProperty("auto_finalize").GetBoolean());
        Assert.Equal("0s", changed.GetProperty("finalize_grace").GetString());
        Assert.Equal("Set again", changed.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("-1h", "'-1h' is not a duration of zero or more")]
    [InlineData("40d", "40d exceeds the maximum of 31d")]
    public async Task a_finalize_grace_outside_zero_to_31_days_is_a_problem_naming_the_field(string grace, string message)
    {
        using var admin = silo.Client();

        using var response = await admin.PutAsync("/v1/tenants/invoicing-bad-grace", KeysApiTests.Json($$"""{"name":"Bad","finalize_grace":"{{grace}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await KeysApiTests.ProblemAsync(response)).GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("finalize_grace", error.GetProperty("path").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("hint").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/tenants/invoicing-bad-grace")).StatusCode);
    }

    [Fact]
    public async Task an_auto_finalize_that_is_not_a_boolean_is_a_problem_naming_the_field()
    {
        using var admin = silo.Client();

        using var response = await admin.PutAsync("/v1/tenants/invoicing-bad-flag", KeysApiTests.Json("""{"name":"Bad","auto_finalize":"yes"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await KeysApiTests.ProblemAsync(response)).GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("$.auto_finalize", error.GetProperty("path").GetString());
        Assert.Equal("auto_finalize must be true or false", error.GetProperty("message").GetString());
        Assert.Equal("write auto_finalize as true or false", error.GetProperty("hint").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/tenants/invoicing-bad-flag")).StatusCode);
    }

    [Fact]
    public async Task a_tenant_id_outside_the_rules_is_400()
    {
        using var response = await silo.Client().PutAsync("/v1/tenants/Acme_Corp!", KeysApiTests.Json("""{"name":"x"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("tenant", (await KeysApiTests.ProblemAsync(response)).GetProperty("errors")[0].GetProperty("path").GetString());
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

        var listed = (await PagedList.AllAsync(reader, "/v1/tenants")).Select(t => t.GetProperty("id").GetString()).ToList();

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
