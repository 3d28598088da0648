using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>The invoice routes over real HTTP: list, read, finalize, line items, access and automatic finalization.</summary>
public sealed class InvoicesApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_list_shows_every_period_from_the_contract_start_to_the_current_one_newest_first_and_a_final_one_with_its_number()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin);
        using var finalized = await admin.PostAsync($"/v1/tenants/{tenant}/invoices/2026-10-01/finalize", null, Ct);
        Assert.Equal(HttpStatusCode.Created, finalized.StatusCode);

        var list = await ListAsync(admin, $"/v1/tenants/{tenant}/invoices");

        // acme takes effect on 2026-01-01; the clock is in November 2026.
        var expected = Enumerable.Range(1, 11).Reverse().Select(m => $"2026-{m:D2}-01").ToArray();
        Assert.Equal(expected, list.Select(i => i.GetProperty("period_start").GetString()).ToArray());
        Assert.All(list, i =>
        {
            var key = i.GetProperty("period_start").GetString();
            Assert.Equal(key == "2026-10-01" ? "final" : "draft", i.GetProperty("status").GetString());
            Assert.Equal("USD", i.GetProperty("currency").GetString());
            Assert.Equal("1000.00", i.GetProperty("total").GetString()); // the base fee, trued up to the minimum commitment
            Assert.Equal($"/v1/tenants/{tenant}/invoices/{key}", i.GetProperty("href").GetString());
            Assert.Equal(DateTimeOffset.Parse($"{key}T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), i.GetProperty("start").GetDateTimeOffset());
        });
        Assert.Equal($"{tenant.ToUpperInvariant()}-00001", list.Single(i => i.GetProperty("status").GetString() == "final").GetProperty("number").GetString());
        Assert.All(list.Where(i => i.GetProperty("status").GetString() == "draft"), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("number").ValueKind));
    }

    [Fact]
    public async Task a_long_contract_lists_its_newest_120_periods()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: false);
        var yaml = (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"), Ct))
            .Replace("tenant: acme", $"tenant: {tenant}", StringComparison.Ordinal)
            .Replace("every: month", "every: week", StringComparison.Ordinal)
            .Replace("effective_from: 2026-01-01", "effective_from: 2024-01-01", StringComparison.Ordinal);
        (await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();

        var list = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/invoices", Ct);

        // Weekly from Monday 2024-01-01: the clock's week (from Monday 2026-11-02) is the 149th; the list goes back 120.
        Assert.Equal(120, list.Count);
        Assert.Equal("2026-11-02", list[0].GetProperty("period_start").GetString());
        Assert.Equal("2024-07-22", list[^1].GetProperty("period_start").GetString());
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("yesterday")]
    public async Task a_period_that_is_not_a_date_is_a_400_naming_period_start(string period)
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin);

        using var get = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/{period}", Ct);
        using var finalize = await admin.PostAsync($"/v1/tenants/{tenant}/invoices/{period}/finalize", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal("periodStart", (await KeysApiTests.ProblemAsync(get)).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, finalize.StatusCode);
        Assert.Equal("periodStart", (await KeysApiTests.ProblemAsync(finalize)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task a_date_that_does_not_start_a_period_is_a_400_suggesting_the_start_of_its_period()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin);

        using var response = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/2026-11-02", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await KeysApiTests.ProblemAsync(response)).GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("periodStart", error.GetProperty("path").GetString());
        Assert.Contains("2026-11-01", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_tenant_without_a_contract_is_a_404_no_contract_and_an_unknown_tenant_a_404()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: false);

        using var list = await admin.GetAsync($"/v1/tenants/{tenant}/invoices", Ct);
        using var get = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/2026-11-01", Ct);
        using var unknown = await admin.GetAsync("/v1/tenants/nobody-here/invoices/2026-11-01", Ct);
        using var unknownList = await admin.GetAsync("/v1/tenants/nobody-here/invoices", Ct);

        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.EndsWith("no-contract", (await KeysApiTests.ProblemAsync(list)).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.EndsWith("no-contract", (await KeysApiTests.ProblemAsync(get)).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("no-contract", (await KeysApiTests.ProblemAsync(unknown)).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownList.StatusCode);
    }

    [Fact]
    public async Task finalize_is_a_409_before_the_grace_has_passed_then_201_once_and_200_with_the_same_bytes_after()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, grace: "2d");

        using var early = await admin.PostAsync($"/v1/tenants/{tenant}/invoices/2026-10-01/finalize", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.EndsWith("period-not-ended", (await KeysApiTests.ProblemAsync(early)).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal("draft", (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/invoices/2026-10-01", Ct)).GetProperty("status").GetString());

        await AdvanceAsync(admin, tenant, "2026-11-03T00:00:00Z");
        using var created = await admin.PostAsync($"/v1/tenants/{tenant}/invoices/2026-10-01/finalize", null, Ct);
        var createdBytes = await created.Content.ReadAsByteArrayAsync(Ct);
        using var again = await admin.PostAsync($"/v1/tenants/{tenant}/invoices/2026-10-01/finalize", null, Ct);
        var againBytes = await again.Content.ReadAsByteArrayAsync(Ct);
        var readBytes = await admin.GetByteArrayAsync($"/v1/tenants/{tenant}/invoices/2026-10-01", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/tenants/{tenant}/invoices/2026-10-01", created.Headers.Location?.ToString());
        var invoice = JsonDocument.Parse(createdBytes).RootElement;
        Assert.Equal("final", invoice.GetProperty("status").GetString());
        Assert.Equal($"{tenant.ToUpperInvariant()}-00001", invoice.GetProperty("number").GetString());
        Assert.Equal(JsonValueKind.String, invoice.GetProperty("finalized_at").ValueKind);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(createdBytes, againBytes);
        Assert.Equal(createdBytes, readBytes);
    }

    [Fact]
    public async Task invoice_numbers_count_up_per_tenant()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin);
        var other = await SandboxAsync(admin);

        var october = await FinalNumberAsync(admin, tenant, "2026-10-01");
        var march = await FinalNumberAsync(admin, tenant, "2026-03-01");
        var others = await FinalNumberAsync(admin, other, "2026-09-01");

        Assert.Equal($"{tenant.ToUpperInvariant()}-00001", october);
        Assert.Equal($"{tenant.ToUpperInvariant()}-00002", march);
        Assert.Equal($"{other.ToUpperInvariant()}-00001", others);
    }

    [Fact]
    public async Task a_read_key_of_one_tenant_sees_only_its_invoices_and_cannot_finalize()
    {
        using var admin = silo.Client();
        var mine = await SandboxAsync(admin);
        var theirs = await SandboxAsync(admin);
        using var reader = silo.Client(await KeyAsync(admin, "read", mine));
        using var otherAdmin = silo.Client(await KeyAsync(admin, "admin", mine));

        Assert.Equal(11, (await ListAsync(reader, $"/v1/tenants/{mine}/invoices")).Count);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/tenants/{mine}/invoices/2026-11-01", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/tenants/{theirs}/invoices", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/tenants/{theirs}/invoices/2026-11-01", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/tenants/{theirs}/invoices/2026-11-01/lines/0/items", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostAsync($"/v1/tenants/{theirs}/invoices/2026-10-01/finalize", null, Ct)).StatusCode);

        using var forbidden = await reader.PostAsync($"/v1/tenants/{mine}/invoices/2026-10-01/finalize", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(403, (await KeysApiTests.ProblemAsync(forbidden)).GetProperty("status").GetInt32());
        Assert.Equal("draft", (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{mine}/invoices/2026-10-01", Ct)).GetProperty("status").GetString());
        Assert.Equal("draft", (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{theirs}/invoices/2026-10-01", Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task an_outcome_line_lists_its_charge_ids_inline_and_pages_them_as_items()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, tickets: 3);
        await AdvanceAsync(admin, tenant, "2026-11-05T09:41:00Z");
        var chargeIds = (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct)).Select(c => c.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToArray();

        var invoice = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/invoices/2026-11-01", Ct);
        var line = invoice.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "outcome");
        var number = line.GetProperty("line").GetInt32();
        var refs = line.GetProperty("charges");
        var firstPage = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{number}/items?limit=2", Ct);
        var first = PagedList.Data(firstPage);
        Assert.True(firstPage.GetProperty("has_more").GetBoolean());
        var rest = await ListAsync(admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{number}/items?limit=2&after={PagedList.NextAfter(firstPage)}");

        Assert.Equal(3, chargeIds.Length);
        Assert.Equal(3, refs.GetProperty("count").GetInt32());
        Assert.Equal(chargeIds, refs.GetProperty("ids").EnumerateArray().Select(i => i.GetString()).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal($"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{number}/items", refs.GetProperty("href").GetString());
        Assert.Equal(2, first.Count);
        Assert.Single(rest);
        Assert.Equal(chargeIds, first.Concat(rest).Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToArray());
        Assert.All(first.Concat(rest), i =>
        {
            Assert.Equal("charge", i.GetProperty("kind").GetString());
            Assert.Equal("ticket_resolved", i.GetProperty("outcome").GetString());
        });
    }

    [Fact]
    public async Task line_items_refuse_a_limit_out_of_range_and_answer_404_for_a_line_without_ledger_rows()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, tickets: 1);
        await AdvanceAsync(admin, tenant, "2026-11-05T09:41:00Z");
        var invoice = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/invoices/2026-11-01", Ct);
        var lines = invoice.GetProperty("lines").EnumerateArray().ToList();
        var outcome = lines.Single(l => l.GetProperty("kind").GetString() == "outcome").GetProperty("line").GetInt32();
        var baseFee = lines.Single(l => l.GetProperty("kind").GetString() == "base_fee").GetProperty("line").GetInt32();

        foreach (var limit in new[] { 0, 1001 })
        {
            using var bad = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{outcome}/items?limit={limit}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("limit", (await KeysApiTests.ProblemAsync(bad)).GetProperty("errors")[0].GetProperty("path").GetString());
        }

        Assert.Single(await ListAsync(admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{outcome}/items?limit=1000"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{lines.Count}/items", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{baseFee}/items", Ct)).StatusCode);
    }

    [Fact]
    public async Task a_line_with_more_than_100_charges_links_its_items_instead_of_listing_ids()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, tickets: 101);
        await AdvanceAsync(admin, tenant, "2026-11-05T09:41:00Z");
        var chargeIds = (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct)).Select(c => c.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToArray();

        var invoice = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/invoices/2026-11-01", Ct);
        var line = invoice.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "outcome");
        var number = line.GetProperty("line").GetInt32();
        var first = await ListAsync(admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{number}/items?limit=100");
        var rest = await ListAsync(admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{number}/items?after={first[^1].GetProperty("id").GetString()}");

        Assert.Equal(101, chargeIds.Length);
        Assert.Equal(101, line.GetProperty("charges").GetProperty("count").GetInt32());
        Assert.False(line.GetProperty("charges").TryGetProperty("ids", out _));
        Assert.Equal(100, first.Count);
        Assert.Single(rest);
        Assert.Equal(chargeIds, first.Concat(rest).Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task with_auto_finalize_the_invoice_is_final_when_the_advance_past_its_end_plus_grace_returns()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, tickets: 1, autoFinalize: true, grace: "1h");

        await AdvanceAsync(admin, tenant, "2026-12-01T00:59:00Z");
        var draft = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/invoices/2026-11-01", Ct);
        var october = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/invoices/2026-10-01", Ct);
        await AdvanceAsync(admin, tenant, "2026-12-01T01:00:00Z");
        var final = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/invoices/2026-11-01", Ct);

        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal("final", final.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, final.GetProperty("finalized_at").ValueKind);
        Assert.Equal("1000.00", final.GetProperty("total").GetString());
        Assert.Contains(final.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "outcome" && l.GetProperty("quantity").GetInt32() == 1);

        // A period without any charge still owes its base fee and minimum, so it is finalized too.
        Assert.Equal("final", october.GetProperty("status").GetString());
        Assert.Equal("1000.00", october.GetProperty("total").GetString());
        var list = await ListAsync(admin, $"/v1/tenants/{tenant}/invoices");
        Assert.Equal(12, list.Count);
        Assert.Equal("draft", list[0].GetProperty("status").GetString());
        Assert.All(list.Skip(1), i => Assert.Equal("final", i.GetProperty("status").GetString()));
        Assert.Equal($"{tenant.ToUpperInvariant()}-00011", list[1].GetProperty("number").GetString());
        Assert.Equal($"{tenant.ToUpperInvariant()}-00001", list[^1].GetProperty("number").GetString());
    }

    internal static async Task<string> SandboxAsync(HttpClient admin, bool contract = true, int tickets = 0, bool autoFinalize = false, string grace = "1h")
    {
        var tenant = $"inv-{Guid.NewGuid().ToString("N")[..10]}";
        var settings = $$"""{"name":"Invoices","sandbox":true,"clock_start":"2026-11-02T10:00:00Z","auto_finalize":{{(autoFinalize ? "true" : "false")}},"finalize_grace":"{{grace}}"}""";
        (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json(settings), Ct)).EnsureSuccessStatusCode();
        if (contract)
        {
            var yaml = (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"), Ct)).Replace("tenant: acme", $"tenant: {tenant}", StringComparison.Ordinal);
            (await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        }

        if (tickets > 0)
        {
            var definition = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"), Ct);
            (await admin.PutAsync("/v1/outcomes/ticket_resolved", new StringContent(definition, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
            var events = string.Join(',', Enumerable.Range(1, tickets).Select(i => $$$"""
                {"tenant_id":"{{{tenant}}}","type":"ticket.closed","timestamp":"2026-11-02T09:30:00Z","idempotency_key":"T-{{{i}}}-x","properties":{"ticket_id":"T-{{{i}}}","resolution":"solved"}}
                """));
            using var sent = await admin.PostAsync("/v1/events", KeysApiTests.Json($$"""{"events":[{{events}}]}"""), Ct);
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        return tenant;
    }

    private static async Task AdvanceAsync(HttpClient admin, string tenant, string to)
    {
        using var response = await admin.PostAsync($"/v1/tenants/{tenant}/clock/advance", KeysApiTests.Json($$"""{"to":"{{to}}"}"""), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"advance to {to}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private static async Task<string?> FinalNumberAsync(HttpClient admin, string tenant, string period)
    {
        using var response = await admin.PostAsync($"/v1/tenants/{tenant}/invoices/{period}/finalize", null, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString();
    }

    private static async Task<string?> KeyAsync(HttpClient admin, string scope, string tenant)
    {
        using var response = await admin.PostAsync("/v1/keys", KeysApiTests.Json($$"""{"name":"{{scope}} of {{tenant}}","scopes":["{{scope}}"],"tenant_id":"{{tenant}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string path) =>
        await PagedList.PageAsync(client, path, Ct);
}
