using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>
/// <c>GET /v1/tenants/{tenant}/disputes/summary</c> over real HTTP: counts by status, credited amounts, the median
/// time to a decision and the dispute rate, grouped and ungrouped, over ranges, with bad input and tenant isolation.
/// Each test builds its disputes through the dispute API on a sandbox tenant of its own.
/// </summary>
public sealed class DisputeSummaryApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_summary_counts_disputes_by_status_with_the_credited_amount_the_median_time_to_a_decision_and_the_dispute_rate()
    {
        using var admin = silo.Client();
        var (tenant, charges) = await TenantWithDisputesAsync(admin);

        var total = Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{tenant}/disputes/summary"));

        Assert.Equal(4, total.GetProperty("opened").GetInt64());
        Assert.Equal(1, total.GetProperty("credited").GetInt64());
        Assert.Equal(1, total.GetProperty("rejected").GetInt64());
        Assert.Equal(1, total.GetProperty("withdrawn").GetInt64());
        var credited = Assert.Single(total.GetProperty("credited_amounts").EnumerateArray());
        Assert.Equal("0.50", credited.GetProperty("amount").GetString());
        Assert.Equal("USD", credited.GetProperty("currency").GetString());
        // Decided after 12 h (the credit) and 36 h (the rejection); the withdrawal is no decision.
        Assert.Equal("1d", total.GetProperty("median_time_to_resolution").GetString());
        Assert.Equal(charges, total.GetProperty("charges").GetInt64());
        Assert.Equal(4, total.GetProperty("disputed_charges").GetInt64());
        Assert.Equal(0.8m, total.GetProperty("dispute_rate").GetDecimal());
    }

    [Fact]
    public async Task by_agent_version_splits_the_counts_and_the_rate_by_the_agent_that_earned_each_charge()
    {
        using var admin = silo.Client();
        var (tenant, _) = await TenantWithDisputesAsync(admin);

        var groups = await GroupsAsync(admin, $"/v1/tenants/{tenant}/disputes/summary?by=agent_version");

        Assert.Equal(["3.1", "3.2"], groups.Select(g => g.GetProperty("agent").GetProperty("version").GetString()).ToArray());
        Assert.All(groups, g => Assert.Equal("support-bot", g.GetProperty("agent").GetProperty("id").GetString()));
        var (old, @new) = (groups[0], groups[1]);
        Assert.Equal((2, 1, 1, 0), Counts(old));
        Assert.Equal("1d", old.GetProperty("median_time_to_resolution").GetString());
        Assert.Equal(1m, old.GetProperty("dispute_rate").GetDecimal());
        Assert.Equal((2, 0, 0, 1), Counts(@new));
        Assert.Equal(JsonValueKind.Null, @new.GetProperty("median_time_to_resolution").ValueKind);
        Assert.Empty(@new.GetProperty("credited_amounts").EnumerateArray());
        Assert.Equal(3, @new.GetProperty("charges").GetInt64());
        Assert.Equal(0.6667m, @new.GetProperty("dispute_rate").GetDecimal());

        var definition = Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{tenant}/disputes/summary?by=definition"));
        Assert.Equal("ticket_resolved", definition.GetProperty("definition").GetString());
        Assert.Equal((4, 1, 1, 1), Counts(definition));
    }

    [Fact]
    public async Task the_range_takes_disputes_by_their_opening_and_charges_by_their_settlement()
    {
        using var admin = silo.Client();
        var (tenant, charges) = await TenantWithDisputesAsync(admin);

        // The charges settled on 11-05; the disputes opened at 11-06T00:00Z, the end of this range (excluded).
        var settled = Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{tenant}/disputes/summary?from=2026-11-05T00:00:00Z&to=2026-11-06T00:00:00Z"));
        Assert.Equal(0, settled.GetProperty("opened").GetInt64());
        Assert.Equal(charges, settled.GetProperty("charges").GetInt64());
        Assert.Equal(4, settled.GetProperty("disputed_charges").GetInt64());

        var opened = Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{tenant}/disputes/summary?from=2026-11-06T00:00:00Z"));
        Assert.Equal(4, opened.GetProperty("opened").GetInt64());
        Assert.Equal(0, opened.GetProperty("charges").GetInt64());
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("dispute_rate").ValueKind);

        // Nothing at all: still one group, of zeros.
        var empty = Assert.Single(await GroupsAsync(admin, $"/v1/tenants/{tenant}/disputes/summary?from=2027-01-01T00:00:00Z"));
        Assert.Equal((0, 0, 0, 0), Counts(empty));
        Assert.Empty(await GroupsAsync(admin, $"/v1/tenants/{tenant}/disputes/summary?from=2027-01-01T00:00:00Z&by=definition"));
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-11-01", "to")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("by=customer", "by")]
    public async Task a_bad_parameter_is_a_400_naming_it(string query, string field)
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin);

        using var response = await admin.GetAsync($"/v1/tenants/{tenant}/disputes/summary?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await KeysApiTests.ProblemAsync(response);
        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task a_read_key_sees_the_summary_of_its_own_tenant_and_another_tenant_is_not_found()
    {
        using var admin = silo.Client();
        var mine = await SandboxAsync(admin);
        var other = await SandboxAsync(admin);
        using var reader = silo.Client(await SandboxCalls.KeyAsync(admin, "read", mine));

        using var own = await reader.GetAsync($"/v1/tenants/{mine}/disputes/summary", Ct);
        using var foreign = await reader.GetAsync($"/v1/tenants/{other}/disputes/summary", Ct);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    private static (long Opened, long Credited, long Rejected, long Withdrawn) Counts(JsonElement g) =>
        (g.GetProperty("opened").GetInt64(), g.GetProperty("credited").GetInt64(), g.GetProperty("rejected").GetInt64(), g.GetProperty("withdrawn").GetInt64());

    private static async Task<List<JsonElement>> GroupsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("groups").EnumerateArray().Select(g => g.Clone())];
    }

    /// <summary>
    /// Five tickets charged at 2.00 (T-1, T-2 by support-bot 3.1; T-3..T-5 by 3.2), settled on 11-05; disputes opened
    /// at 11-06T00:00Z on T-1..T-4: T-1 credited 0.50 after 12 h, T-2 rejected after 36 h, T-3 withdrawn, T-4 open.
    /// </summary>
    private static async Task<(string Tenant, long Charges)> TenantWithDisputesAsync(HttpClient admin)
    {
        var tenant = await SandboxAsync(admin);
        var definition = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"), Ct);
        (await admin.PutAsync("/v1/outcomes/ticket_resolved", new StringContent(definition, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        var events = string.Join(',', Enumerable.Range(1, 5).Select(i => $$$"""
            {"tenant_id":"{{{tenant}}}","type":"ticket.closed","timestamp":"2026-11-02T09:30:00Z","idempotency_key":"T-{{{i}}}-closed",
             "agent":{"id":"support-bot","version":"{{{(i <= 2 ? "3.1" : "3.2")}}}"},"properties":{"ticket_id":"T-{{{i}}}","resolution":"solved"}}
            """));
        using (var sent = await admin.PostAsync("/v1/events", KeysApiTests.Json($$"""{"events":[{{events}}]}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-06T00:00:00Z");
        var charges = await Eventually.ReturnsAsync(async () =>
        {
            var list = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct);
            return list.Count == 5 ? list.ToDictionary(c => c.GetProperty("correlation").GetString()!, c => c.GetProperty("id").GetString()!) : null;
        }, Deadline, "five charges");

        var disputes = new Dictionary<string, string>();
        foreach (var ticket in new[] { "T-1", "T-2", "T-3", "T-4" })
        {
            var opened = await SandboxCalls.PostAsync(admin, $"/v1/charges/{charges[ticket]}/disputes", """{"reason":"not_achieved","message":"Not solved.","amount":"1.00"}""", HttpStatusCode.Created);
            disputes[ticket] = opened.GetProperty("id").GetString()!;
        }

        await SandboxCalls.PostAsync(admin, $"/v1/disputes/{disputes["T-3"]}/withdraw", "{}", HttpStatusCode.OK);
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-06T12:00:00Z");
        await SandboxCalls.PostAsync(admin, $"/v1/disputes/{disputes["T-1"]}/resolve", """{"decision":"credit","amount":"0.50","note":"half"}""", HttpStatusCode.OK);
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-07T12:00:00Z");
        await SandboxCalls.PostAsync(admin, $"/v1/disputes/{disputes["T-2"]}/resolve", """{"decision":"reject","note":"solved as defined"}""", HttpStatusCode.OK);
        return (tenant, 5);
    }

    private static async Task<string> SandboxAsync(HttpClient admin)
    {
        var tenant = $"dsum-{Guid.NewGuid().ToString("N")[..10]}";
        (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Summary","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""), Ct)).EnsureSuccessStatusCode();
        var yaml = (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"), Ct)).Replace("tenant: acme", $"tenant: {tenant}", StringComparison.Ordinal);
        (await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        return tenant;
    }
}
