using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Witn.Abstractions.Contracts;
using Witn.Domain.Definitions;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary><c>/v1/tenants/{tenant}/contract</c> through the real host: put, versions, in force, isolation, and garbage in.</summary>
public sealed class ContractsApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static readonly string Acme = File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"));

    private static readonly string Globex = File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("contracts"), "globex.yaml"));

    [Fact]
    public async Task putting_the_example_yaml_stores_version_1_and_get_returns_it()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync("acme");

        using var put = await admin.PutAsync($"/v1/tenants/{tenant}/contract", OutcomesApiTests.Yaml(ForTenant(Acme, "acme", tenant)));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal($"/v1/tenants/{tenant}/contract/versions/1", put.Headers.Location?.ToString());
        var stored = await BodyAsync(put);
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
        Assert.Equal(tenant, stored.GetProperty("tenant_id").GetString());
        Assert.Equal("USD", stored.GetProperty("currency").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), stored.GetProperty("effective_from").GetDateTimeOffset());
        // The example prices outcomes this fresh silo has no definitions for: warnings, not errors.
        Assert.Equal(
            ["prices.code_change_merged", "prices.meeting_booked", "prices.password_reset_completed", "prices.ticket_resolved"],
            stored.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("path").GetString()).Order(StringComparer.Ordinal));

        var current = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/contract", Ct);
        Assert.Equal(1, current.GetProperty("version").GetInt32());
        Assert.Equal("yaml", current.GetProperty("source_format").GetString());
        Assert.Equal(ForTenant(Acme, "acme", tenant), current.GetProperty("source").GetString());
        var contract = current.GetProperty("contract");
        Assert.Equal(120, contract.GetProperty("prices").GetProperty("meeting_booked").GetProperty("by").GetProperty("lead.segment").GetProperty("enterprise").GetDecimal());
        Assert.Equal("2026-01-01T00:00:00Z", contract.GetProperty("effective_from").GetString());
    }

    [Fact]
    public async Task a_new_version_keeps_the_currency_and_billing_period()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync("fixed");
        (await admin.PutAsync($"/v1/tenants/{tenant}/contract", OutcomesApiTests.Yaml(ForTenant(Globex, "globex", tenant)))).EnsureSuccessStatusCode();

        using var dollars = await admin.PutAsync($"/v1/tenants/{tenant}/contract", KeysApiTests.Json(
            """{"currency": "USD", "billing_period": {"every": "month", "anchor_day": 15, "timezone": "Europe/Berlin"}, "base_fee": 10}"""));
        using var weekly = await admin.PutAsync($"/v1/tenants/{tenant}/contract", KeysApiTests.Json("""{"currency": "EUR", "base_fee": 10}"""));

        Assert.Equal(HttpStatusCode.BadRequest, dollars.StatusCode);
        var currency = Assert.Single(await ErrorsAsync(dollars));
        Assert.Equal("currency", currency.GetProperty("path").GetString());
        Assert.Contains("keep currency: EUR", currency.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, weekly.StatusCode);
        Assert.Equal("billing_period", Assert.Single(await ErrorsAsync(weekly)).GetProperty("path").GetString());
        var versions = await PagedList.PageAsync(admin, $"/v1/tenants/{tenant}/contract/versions", Ct);
        Assert.Single(versions);
    }

    [Fact]
    public async Task a_known_outcome_gives_no_warning()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync("known");
        // A name of its own: definitions are global, and the example contract test expects ticket_resolved unknown.
        var ticket = File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"))
            .Replace("name: ticket_resolved", "name: known_ticket_resolved", StringComparison.Ordinal);
        (await admin.PutAsync("/v1/outcomes/known_ticket_resolved", OutcomesApiTests.Yaml(ticket))).EnsureSuccessStatusCode();

        using var put = await admin.PutAsync($"/v1/tenants/{tenant}/contract", OutcomesApiTests.Yaml("currency: EUR\nprices:\n  known_ticket_resolved: { unit_price: 1.75 }\n"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Empty((await BodyAsync(put)).GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task each_put_is_a_new_version_and_every_version_stays_readable()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync("versions");

        using var v1 = await admin.PutAsync($"/v1/tenants/{tenant}/contract", OutcomesApiTests.Yaml(ForTenant(Globex, "globex", tenant)));
        using var v2 = await admin.PutAsync($"/v1/tenants/{tenant}/contract", KeysApiTests.Json(
            """{"currency": "EUR", "billing_period": {"every": "month", "anchor_day": 15, "timezone": "Europe/Berlin"}, "prices": {"ticket_resolved": {"unit_price": "1.95"}}, "effective_from": "2026-03-01T00:00:00+01:00"}"""));

        Assert.Equal(HttpStatusCode.Created, v1.StatusCode);
        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);
        Assert.Equal(2, (await BodyAsync(v2)).GetProperty("version").GetInt32());

        var versions = await PagedList.PageAsync(admin, $"/v1/tenants/{tenant}/contract/versions", Ct);
        Assert.Equal([1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(["yaml", "json"], versions.Select(v => v.GetProperty("source_format").GetString()));
        // globex starts on 2026-01-01 in Berlin, i.e. 2025-12-31T23:00Z.
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), versions[0].GetProperty("effective_from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), versions[1].GetProperty("effective_from").GetDateTimeOffset());

        var first = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/contract/versions/1", Ct);
        Assert.Equal(1.75m, first.GetProperty("contract").GetProperty("prices").GetProperty("ticket_resolved").GetProperty("unit_price").GetDecimal());
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/contract", Ct)).GetProperty("version").GetInt32());

        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/contract?at=2026-02-01T00:00:00Z", Ct)).GetProperty("version").GetInt32());
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/contract?at=2026-03-01T00:00:00Z", Ct)).GetProperty("version").GetInt32());
        using var before = await admin.GetAsync($"/v1/tenants/{tenant}/contract?at=2025-06-01T00:00:00Z", Ct);
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        using var missing = await admin.GetAsync($"/v1/tenants/{tenant}/contract/versions/3", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var badVersion = await admin.GetAsync($"/v1/tenants/{tenant}/contract/versions/latest", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
        using var badAt = await admin.GetAsync($"/v1/tenants/{tenant}/contract?at=yesterday", Ct);
        Assert.Equal("at", (await ErrorsAsync(badAt)).Single().GetProperty("path").GetString());
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/contract?at=2026-02-01T01:00:00.5%2B01:00", Ct)).GetProperty("version").GetInt32());

        // Only instants with a time and an offset: anything looser would be read in the server's zone or on today's date.
        foreach (var (at, hint) in new[]
        {
            ("2026-02-01", "such as 2026-11-01T00:00:00Z"),
            ("2026-02-01T00:00:00", "such as 2026-11-01T00:00:00Z"),
            ("12:00", "such as 2026-11-01T00:00:00Z"),
            ("1/2/3", "such as 2026-11-01T00:00:00Z"),
            ("2026-02-01T00:00:00+01:00", "encode a '+' offset as %2B"),
        })
        {
            using var loose = await admin.GetAsync($"/v1/tenants/{tenant}/contract?at={at}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, loose.StatusCode);
            Assert.Contains(hint, (await ErrorsAsync(loose)).Single().GetProperty("hint").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task a_contract_without_effective_from_takes_effect_when_it_is_stored()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync("now");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var put = await admin.PutAsync($"/v1/tenants/{tenant}/contract", OutcomesApiTests.Yaml("currency: JPY\nbase_fee: 50000\n"));

        var stored = await BodyAsync(put);
        var effective = stored.GetProperty("effective_from").GetDateTimeOffset();
        Assert.Equal(stored.GetProperty("created_at").GetDateTimeOffset(), effective, TimeSpan.FromSeconds(1));
        Assert.True(effective >= before);
    }

    [Fact]
    public async Task an_invalid_contract_is_a_problem_listing_every_error_with_path_and_hint_and_stores_nothing()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync("broken");

        using var response = await admin.PutAsync($"/v1/tenants/{tenant}/contract", OutcomesApiTests.Yaml("""
            currency: USDD
            billing_period: { every: month, anchor_day: 30, timezone: Mars/Olympus }
            prices:
              a:
                mode: volume
                tiers:
                  - up_to: 10
                    unit_price: -1
                  - up_to: 5
                    unit_price: 1
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await BodyAsync(response);
        Assert.Equal("https://witn.actors/problems/invalid-contract", problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(
            ["currency", "billing_period.anchor_day", "billing_period.timezone", "prices.a.tiers[0].unit_price", "prices.a.tiers[1].up_to"],
            errors.Select(e => e.GetProperty("path").GetString()));
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("hint").GetString())));
        Assert.Equal(1, errors[0].GetProperty("line").GetInt32());
        using var current = await admin.GetAsync($"/v1/tenants/{tenant}/contract", Ct);
        Assert.Equal(HttpStatusCode.NotFound, current.StatusCode);
        Assert.Equal($"tenant '{tenant}' has no contract yet; put one with PUT /v1/tenants/{tenant}/contract", (await BodyAsync(current)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task a_tenant_field_naming_another_tenant_is_refused()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync("mine");

        using var response = await admin.PutAsync($"/v1/tenants/{tenant}/contract", OutcomesApiTests.Yaml(Acme));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ErrorsAsync(response)).Single();
        Assert.Equal("tenant", error.GetProperty("path").GetString());
        Assert.Equal($"the contract is for tenant 'acme' but is put for tenant '{tenant}'", error.GetProperty("message").GetString());
    }

    public static TheoryData<string, string, string> Garbage() => new()
    {
        { "text/plain", "currency: USD", "$" },
        { "application/json", "{\"currency\": ", "" },
        { "application/yaml", "currency: [", "" },
        { "application/yaml", "", "" },
        { "application/json", "[1, 2]", "" },
        { "application/yaml", "currency: USD\nprices: 12\n", "prices" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task garbage_is_a_400_problem_never_a_500(string contentType, string body, string path)
    {
        var tenant = await TenantAsync("garbage");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);

        using var response = await silo.Client().PutAsync($"/v1/tenants/{tenant}/contract", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(path, (await ErrorsAsync(response))[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task unknown_tenants_are_404_and_malformed_ids_are_400()
    {
        using var admin = silo.Client();

        using var put = await admin.PutAsync("/v1/tenants/nobody-here/contract", OutcomesApiTests.Yaml("currency: USD\nbase_fee: 1\n"));
        using var get = await admin.GetAsync("/v1/tenants/nobody-here/contract", Ct);
        using var list = await admin.GetAsync("/v1/tenants/nobody-here/contract/versions", Ct);
        using var malformed = await admin.GetAsync("/v1/tenants/Not_OK!/contract", Ct);

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal("no tenant 'nobody-here' is visible to this key; create it with PUT /v1/tenants/nobody-here", (await BodyAsync(put)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task reading_needs_read_writing_needs_admin_and_a_tenant_key_sees_only_its_tenant()
    {
        using var admin = silo.Client();
        var (own, other) = (await TenantAsync("own"), await TenantAsync("other"));
        foreach (var t in new[] { own, other })
        {
            (await admin.PutAsync($"/v1/tenants/{t}/contract", OutcomesApiTests.Yaml("currency: USD\nbase_fee: 10\n"))).EnsureSuccessStatusCode();
        }

        using var reader = silo.Client(await KeyAsync(admin, """{"name":"reader","scopes":["read"],"tenant_id":"OWN"}""".Replace("OWN", own, StringComparison.Ordinal)));
        using var ingester = silo.Client(await KeyAsync(admin, """{"name":"agent","scopes":["ingest"]}"""));
        using var anonymous = silo.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/tenants/{own}/contract", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/tenants/{own}/contract/versions", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/tenants/{other}/contract", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/tenants/{other}/contract/versions/1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsync($"/v1/tenants/{own}/contract", OutcomesApiTests.Yaml("currency: USD\nbase_fee: 0\n"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingester.GetAsync($"/v1/tenants/{own}/contract", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/tenants/{own}/contract", Ct)).StatusCode);
        Assert.Single(await PagedList.PageAsync(admin, $"/v1/tenants/{own}/contract/versions", Ct));
    }

    [Fact]
    public async Task the_grain_answers_the_version_in_force_at_an_instant()
    {
        using var admin = silo.Client();
        var tenant = await TenantAsync("grain");
        var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(tenant);

        var v1 = await grain.PutAsync(new ContractSource("currency: USD\nbase_fee: 1\neffective_from: 2026-01-01\n", DefinitionFormat.Yaml));
        var v2 = await grain.PutAsync(new ContractSource("""{"currency": "USD", "base_fee": 2, "effective_from": "2026-02-01"}""", DefinitionFormat.Json));

        Assert.Equal((1, 2), (v1.Stored!.Version, v2.Stored!.Version));
        Assert.Null(await grain.GetInForceAsync(new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.Equal(1, (await grain.GetInForceAsync(new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero)))!.Version);
        Assert.Equal(2, (await grain.GetInForceAsync(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)))!.Version);
        Assert.Equal(v1.Stored, await grain.GetVersionAsync(1));
        Assert.Equal([v1.Stored, v2.Stored], await grain.GetVersionsAsync());
        Assert.Equal(v2.Stored, await grain.GetCurrentAsync());

        var book = silo.Services.GetRequiredService<Witn.Grains.Contracts.IContractBook>();
        var inForce = await book.GetInForceAsync(tenant, new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), Ct);
        Assert.Equal(1, inForce!.Version);
        Assert.Equal(1m, inForce.Contract.BaseFee);
        Assert.Same((await book.GetAsync(tenant, 2, Ct))!.Contract, (await book.GetAsync(tenant, 2, Ct))!.Contract);
    }

    [Fact]
    public async Task the_openapi_document_describes_the_contract_routes()
    {
        var document = JsonDocument.Parse(await silo.Anonymous().GetStringAsync("/openapi/v1.json", Ct)).RootElement;

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/v1/tenants/{tenant}/contract", "/v1/tenants/{tenant}/contract/versions", "/v1/tenants/{tenant}/contract/versions/{version}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        var put = paths.GetProperty("/v1/tenants/{tenant}/contract").GetProperty("put");
        Assert.Equal("Contracts", put.GetProperty("tags")[0].GetString());
        var content = put.GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/yaml", out _));
        Assert.True(content.TryGetProperty("application/json", out _));
    }

    private async Task<string> TenantAsync(string prefix)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        using var response = await silo.Client().PutAsync($"/v1/tenants/{id}", KeysApiTests.Json("""{"name":"Test"}"""), Ct);
        response.EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<string> KeyAsync(HttpClient admin, string body)
    {
        using var response = await admin.PostAsync("/v1/keys", KeysApiTests.Json(body), Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }

    private static string ForTenant(string yaml, string from, string to) => yaml.Replace($"tenant: {from}", $"tenant: {to}", StringComparison.Ordinal);

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<List<JsonElement>> ErrorsAsync(HttpResponseMessage response) =>
        [.. (await BodyAsync(response)).GetProperty("errors").EnumerateArray()];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
