using System.Net;
using Witn.Domain.Access;

namespace Witn.Client.Tests;

public sealed class WitnHttpClientTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private WitnHttpClient Admin() => new(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = silo.AdminKey });

    [Fact]
    public async Task readiness_reports_ready_with_every_check_ok_and_needs_no_key()
    {
        using var client = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress });

        var report = await client.GetReadinessAsync(TestContext.Current.CancellationToken);

        Assert.True(report.IsReady);
        Assert.Equal("ready", report.Status);
        Assert.Equal(["database", "migrations", "silo"], report.Checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.Checks.Values, c => Assert.True(c.IsOk, c.Detail));
    }

    [Fact]
    public async Task keys_are_read_a_page_at_a_time_and_the_enumeration_reads_them_all_in_the_same_order()
    {
        using var admin = Admin();
        var ct = TestContext.Current.CancellationToken;
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await admin.CreateKeyAsync($"paged {i}", [ApiKeyScope.Read], cancellationToken: ct)).Key.Id);
        }

        var all = await admin.ListKeysAsync(ct).Select(k => k.Id).ToListAsync(ct);
        var paged = new List<string>();
        for (string? after = null; ;)
        {
            var page = await admin.ListKeysPageAsync(limit: 2, after: after, cancellationToken: ct);
            Assert.True(page.Data.Count <= 2);
            Assert.Equal(page.HasMore, page.NextAfter is not null);
            paged.AddRange(page.Data.Select(k => k.Id));
            if (!page.HasMore)
            {
                break;
            }

            Assert.Equal(page.Data[^1].Id, page.NextAfter);
            after = page.NextAfter;
        }

        Assert.Equal(all, paged);
        Assert.Equal(created, all.Where(created.Contains));
        var refused = await Assert.ThrowsAsync<WitnApiException>(() => admin.ListKeysPageAsync(limit: 0, cancellationToken: ct));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("limit", Assert.Single(refused.Errors).Path);
    }

    [Fact]
    public async Task a_created_key_is_listed_works_and_stops_working_when_revoked()
    {
        using var admin = Admin();
        var ct = TestContext.Current.CancellationToken;

        await silo.PutTenantAsync("acme");
        var created = await admin.CreateKeyAsync("support-bot", [ApiKeyScope.Admin, ApiKeyScope.Read], "acme", ct);

        Assert.StartsWith($"wk_{created.Key.Id}_", created.Token, StringComparison.Ordinal);
        Assert.Equal("support-bot", created.Key.Name);
        Assert.Equal([ApiKeyScope.Admin, ApiKeyScope.Read], created.Key.Scopes);
        Assert.Equal("acme", created.Key.TenantId);
        Assert.Null(created.Key.RevokedAt);
        Assert.Equivalent(created.Key, Assert.Single(await admin.ListKeysAsync(ct).ToListAsync(ct), k => k.Id == created.Key.Id), strict: true);

        using var holder = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = created.Token });
        Assert.Contains(await holder.ListKeysAsync(ct).ToListAsync(ct), k => k.Id == created.Key.Id);

        var revoked = await admin.RevokeKeyAsync(created.Key.Id, ct);

        Assert.Equal(created.Key.Id, revoked.Id);
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal(revoked.RevokedAt, (await admin.RevokeKeyAsync(created.Key.Id, ct)).RevokedAt);
        Assert.Equal(revoked.RevokedAt, Assert.Single(await admin.ListKeysAsync(ct).ToListAsync(ct), k => k.Id == created.Key.Id).RevokedAt);
        var refused = await Assert.ThrowsAsync<WitnApiException>(async () => await holder.ListKeysAsync(ct).ToListAsync(ct));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.StartsWith("the API key is unknown, revoked or expired", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_cluster_lists_the_active_silo_that_served_the_request()
    {
        using var admin = Admin();

        var cluster = await admin.GetClusterAsync(TestContext.Current.CancellationToken);

        var silo1 = Assert.Single(cluster.Silos);
        Assert.Equal(cluster.ServedBy, silo1.Address);
        Assert.Equal("active", silo1.Status);
        Assert.EndsWith($"-{silo.Settings.HttpPort}", silo1.Name, StringComparison.Ordinal);
        Assert.True(silo1.IAmAliveAt >= silo1.StartedAt);
    }

    [Fact]
    public async Task a_probe_through_http_counts_calls_on_one_activation()
    {
        using var admin = Admin();
        var ct = TestContext.Current.CancellationToken;

        var first = await admin.ProbeAsync("http-only", ct);
        var second = await admin.ProbeAsync("http-only", ct);

        Assert.Equal("http-only", first.Key);
        Assert.Equal((1L, 2L), (first.Calls, second.Calls));
        Assert.Equal(first.ActivationId, second.ActivationId);
    }

    [Fact]
    public async Task an_invalid_key_request_surfaces_the_servers_errors_with_their_paths_and_hints()
    {
        using var admin = Admin();

        var e = await Assert.ThrowsAsync<WitnApiException>(() => admin.CreateKeyAsync("", [], "Acme Corp", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal("The request is invalid", e.Title);
        Assert.Equal("the key request has 3 error(s)", e.Detail);
        Assert.Equal("https://witn.actors/problems/invalid-request", e.Type);
        Assert.False(string.IsNullOrEmpty(e.TraceId));
        Assert.Equal(["name", "scopes", "tenant_id"], e.Errors.Select(x => x.Path));
        Assert.Equal("at least one scope is required", e.Errors[1].Message);
        Assert.Equal("use any of: admin, ingest, read, disputes, metrics", e.Errors[1].Hint);
        Assert.Contains("tenant_id: 'Acme Corp' is not a valid tenant id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_wrong_key_is_a_401_api_exception_saying_what_to_send()
    {
        using var client = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = "wk_0123456789abcdef_guessed-secret" });

        var e = await Assert.ThrowsAsync<WitnApiException>(() => client.GetClusterAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Equal("Missing or invalid API key", e.Title);
        Assert.StartsWith("the API key is unknown, revoked or expired: send 'Authorization: Bearer <key>'", e.Detail, StringComparison.Ordinal);
        Assert.Empty(e.Errors);
    }

    [Fact]
    public async Task a_key_without_the_admin_scope_is_a_403_api_exception_naming_the_scope()
    {
        using var admin = Admin();
        var reader = await admin.CreateKeyAsync("reader", [ApiKeyScope.Read], cancellationToken: TestContext.Current.CancellationToken);
        using var client = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = reader.Token });

        var e = await Assert.ThrowsAsync<WitnApiException>(async () => await client.ListKeysAsync(TestContext.Current.CancellationToken).ToListAsync());

        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        Assert.Contains("'admin' scope", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task revoking_an_unknown_key_is_a_404_api_exception()
    {
        using var admin = Admin();

        var e = await Assert.ThrowsAsync<WitnApiException>(() => admin.RevokeKeyAsync("ffffffffffffffff", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, e.Status);
        Assert.Equal("no API key has the id 'ffffffffffffffff'; GET /v1/keys lists the ids", e.Detail);
    }

    [Fact]
    public async Task a_caller_owned_http_client_is_used_without_changing_its_defaults()
    {
        using var http = new HttpClient();
        using (var client = new WitnHttpClient(http, new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = silo.AdminKey }))
        {
            Assert.NotEmpty(await client.ListKeysAsync(TestContext.Current.CancellationToken).ToListAsync());
        }

        Assert.Null(http.BaseAddress);
        Assert.Null(http.DefaultRequestHeaders.Authorization);
        // Disposing the Witn client left the caller's HttpClient usable.
        using var response = await http.GetAsync(new Uri(silo.BaseAddress, "healthz"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
