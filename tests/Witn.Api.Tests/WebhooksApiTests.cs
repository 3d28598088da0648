using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Witn.Storage.Ledger;
using Witn.Testing;

namespace Witn.Api.Tests;

public sealed class WebhooksApiTests(WebhooksSilo silo, WebhookReceiver receiver) : IClassFixture<WebhooksSilo>, IClassFixture<WebhookReceiver>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private LedgerStore Ledger => silo.Services.GetRequiredService<LedgerStore>();

    [Fact]
    public async Task an_endpoint_receives_each_charge_and_credit_once_signed_with_its_secret_and_rendered_as_the_get_api_renders_it()
    {
        var tenant = await CreateTenantAsync();
        var path = $"/{tenant}/ledger";
        var (endpointId, secret) = await RegisterAsync(path, ["charge.committed", "credit.issued"], tenant);

        var (charge, _) = await Ledger.CommitChargeAsync(Charge(tenant, "T-1"), TestContext.Current.CancellationToken);
        var (credit, _) = await Ledger.AddCreditAsync(charge.Id, "customer dispute", "{}", 1.50m, cancellationToken: TestContext.Current.CancellationToken);
        var deliveries = await DeliveredAsync(endpointId, 2);

        var received = receiver.At(path);
        Assert.Equal(2, received.Count);
        Assert.Equal(deliveries.Select(d => d.GetProperty("id").GetString()).Order(), received.Select(r => r.Id).Order());
        Assert.All(received, r => AssertSigned(r, secret));
        Assert.All(received, r => Assert.Equal("application/json; charset=utf-8", r.ContentType));

        var chargeEvent = Body(received.Single(r => Type(r) == "charge.committed"));
        Assert.Equal(received.Single(r => Type(r) == "charge.committed").Id, chargeEvent["id"]!.GetValue<string>());
        Assert.Equal(tenant, chargeEvent["tenant_id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(await GetJsonAsync($"/v1/charges/{charge.Id}"), chargeEvent["data"]));
        var creditEvent = Body(received.Single(r => Type(r) == "credit.issued"));
        Assert.True(JsonNode.DeepEquals((await GetJsonAsync($"/v1/tenants/{tenant}/credits"))!["data"]![0], creditEvent["data"]));
        Assert.Equal(credit.Id.ToString(), creditEvent["data"]!["id"]!.GetValue<string>());
        Assert.Equal("-1.50", creditEvent["data"]!["amount"]!.GetValue<string>());

        Assert.All(deliveries, d =>
        {
            Assert.Equal(1, d.GetProperty("attempts").GetInt32());
            Assert.Equal(200, d.GetProperty("last_status_code").GetInt32());
            Assert.Equal(JsonValueKind.Null, d.GetProperty("next_attempt_at").ValueKind);
        });
        var listed = (await GetJsonAsync("/v1/webhooks?limit=1000"))!["data"]!.AsArray().Single(e => e!["id"]!.GetValue<string>() == endpointId.ToString())!;
        Assert.Null(listed["secret"]);
        Assert.True(listed["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task a_finalized_invoice_is_delivered_once_with_the_stored_document_as_its_data()
    {
        var tenant = await CreateTenantAsync();
        var path = $"/{tenant}/invoices";
        var (endpointId, secret) = await RegisterAsync(path, ["invoice.finalized"], tenant);
        var contract = (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"), TestContext.Current.CancellationToken))
            .Replace("tenant: acme", $"tenant: {tenant}", StringComparison.Ordinal);
        using var admin = silo.Client();
        (await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(contract, Encoding.UTF8, "application/yaml"), TestContext.Current.CancellationToken))
            .EnsureSuccessStatusCode();

        // January 2026, the contract's first period, ended long before this live tenant's clock (real time): it can be finalized at once.
        using var finalized = await admin.PostAsync($"/v1/tenants/{tenant}/invoices/2026-01-01/finalize", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, finalized.StatusCode);
        var document = await finalized.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Single(await DeliveredAsync(endpointId, 1));

        var received = Assert.Single(receiver.At(path));
        AssertSigned(received, secret);
        var body = Body(received);
        Assert.Equal("invoice.finalized", body["type"]!.GetValue<string>());
        Assert.Equal(tenant, body["tenant_id"]!.GetValue<string>());
        // The stored document; the HTTP answer adds where it was exported as its last member.
        var stored = JsonNode.Parse(document)!.AsObject();
        Assert.True(stored.Remove("exports"));
        Assert.True(JsonNode.DeepEquals(stored, body["data"]));
        Assert.Equal("1000.00", body["data"]!["total"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_receiver_that_answers_500_gets_a_retry_with_the_same_event_and_the_success_is_recorded_once()
    {
        var tenant = await CreateTenantAsync();
        var path = $"/{tenant}/flaky";
        receiver.AnswerNext(path, 500);
        var (endpointId, secret) = await RegisterAsync(path, ["charge.committed"], tenant);

        await Ledger.CommitChargeAsync(Charge(tenant, "T-1"), TestContext.Current.CancellationToken);
        var delivery = Assert.Single(await DeliveredAsync(endpointId, 1));

        var received = receiver.At(path);
        Assert.Equal(2, received.Count);
        Assert.All(received, r => AssertSigned(r, secret));
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.Single(received.Select(r => Convert.ToHexString(r.Body)).Distinct());
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("last_status_code").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("last_error").ValueKind);
    }

    [Fact]
    public async Task a_delivery_is_dead_after_the_attempt_limit_and_a_replay_sends_the_same_event_again()
    {
        var tenant = await CreateTenantAsync();
        var path = $"/{tenant}/down";
        receiver.AnswerNext(path, 500, 503, 500);
        var (endpointId, _) = await RegisterAsync(path, ["charge.committed"], tenant);

        await Ledger.CommitChargeAsync(Charge(tenant, "T-1"), TestContext.Current.CancellationToken);
        var dead = (await DeliveriesAsync(endpointId, "dead", 1)).Single();

        Assert.Equal(3, dead.GetProperty("attempts").GetInt32());
        Assert.Equal(500, dead.GetProperty("last_status_code").GetInt32());
        Assert.Equal("the receiver answered HTTP 500", dead.GetProperty("last_error").GetString());
        Assert.Equal(3, receiver.At(path).Count);
        var id = dead.GetProperty("id").GetString();

        using var replay = await silo.Client().PostAsync($"/v1/webhooks/deliveries/{id}/replay", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await DeliveredAsync(endpointId, 1);

        var received = receiver.At(path);
        Assert.Equal(4, received.Count);
        Assert.All(received, r => Assert.Equal(id, r.Id));
    }

    [Fact]
    public async Task a_tenant_endpoint_gets_only_its_tenants_rows_and_a_disabled_endpoint_gets_nothing_new()
    {
        var tenant = await CreateTenantAsync();
        var other = await CreateTenantAsync();
        var (mine, _) = await RegisterAsync($"/{tenant}/mine", ["charge.committed"], tenant);
        var (everyone, _) = await RegisterAsync($"/{tenant}/everyone", ["charge.committed"], null);

        await Ledger.CommitChargeAsync(Charge(other, "O-1"), TestContext.Current.CancellationToken);
        var (charge, _) = await Ledger.CommitChargeAsync(Charge(tenant, "T-1"), TestContext.Current.CancellationToken);
        await DeliveredAsync(mine, 1);
        await Eventually.HoldsAsync(async () => (await DeliveriesAsync(everyone, "delivered", 0)).Count(d => Tenant(d) == other || Tenant(d) == tenant) == 2,
            Deadline, "both tenants' charges delivered to the endpoint for every tenant");

        var received = Assert.Single(receiver.At($"/{tenant}/mine"));
        Assert.Equal(charge.Id.ToString(), Body(received)["data"]!["id"]!.GetValue<string>());

        using var disable = await silo.Client().DeleteAsync($"/v1/webhooks/{everyone}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.False((await disable.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("enabled").GetBoolean());
        var (later, _) = await Ledger.CommitChargeAsync(Charge(tenant, "T-2"), TestContext.Current.CancellationToken);
        await DeliveredAsync(mine, 2);

        // Both endpoints' deliveries for a row are created in one statement: the disabled one got none.
        Assert.DoesNotContain(await DeliveriesAsync(everyone, null, 0), d => d.GetProperty("outbox_ref").GetString() == later.Id.ToString());
    }

    [Theory]
    [InlineData("""{"url": "not a url", "events": ["charge.committed"]}""", "url", "is not an absolute URL")]
    [InlineData("""{"url": "ftp://example.com/hook", "events": ["charge.committed"]}""", "url", "the scheme 'ftp' cannot receive webhooks")]
    [InlineData("""{"events": ["charge.committed"]}""", "url", "url is required")]
    [InlineData("""{"url": "https://example.com/hook", "events": ["charge.commited"]}""", "events[0]", "unknown event type 'charge.commited'")]
    [InlineData("""{"url": "https://example.com/hook", "events": []}""", "events", "at least one event type is required")]
    [InlineData("""{"url": "https://example.com/hook", "events": ["charge.committed"], "tenant_id": "no-such-tenant"}""", "tenant_id", "no tenant 'no-such-tenant' is visible to this key")]
    [InlineData("""{"url": "https://example.com/hook", "events": ["charge.committed"], "tenant": "x"}""", "$.tenant", "unknown field 'tenant'")]
    public async Task a_bad_registration_is_a_400_problem_naming_the_field_and_the_fix(string body, string path, string message)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await silo.Client().PostAsync("/v1/webhooks", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("https://witn.actors/problems/invalid-request", problem.GetProperty("type").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(path, error.GetProperty("path").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("hint").GetString()));
    }

    [Theory]
    [InlineData("/v1/webhooks/deliveries?status=failed", "status")]
    [InlineData("/v1/webhooks/deliveries?endpoint=abc", "endpoint")]
    [InlineData("/v1/webhooks/deliveries?limit=0", "limit")]
    public async Task a_bad_delivery_query_is_a_400_problem_naming_the_parameter(string url, string path)
    {
        using var response = await silo.Client().GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(path, Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task unknown_endpoints_and_deliveries_are_404_and_a_read_key_cannot_manage_webhooks()
    {
        using var disable = await silo.Client().DeleteAsync($"/v1/webhooks/{Guid.NewGuid()}", TestContext.Current.CancellationToken);
        using var replay = await silo.Client().PostAsync($"/v1/webhooks/deliveries/{Guid.NewGuid()}/replay", null, TestContext.Current.CancellationToken);
        using var keyResponse = await silo.Client().PostAsJsonAsync("/v1/keys", new { name = "reader", scopes = new[] { "read" } }, TestContext.Current.CancellationToken);
        var readKey = (await keyResponse.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("key").GetString();
        using var list = await silo.Client(readKey).GetAsync("/v1/webhooks", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, disable.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    /// <summary>What a receiver does: HMAC-SHA256 of "{timestamp}.{body}" with the secret, compared in constant time.</summary>
    private static void AssertSigned(ReceivedWebhook request, string secret)
    {
        Assert.NotNull(request.Timestamp);
        Assert.InRange(long.Parse(request.Timestamp, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var signed = Encoding.UTF8.GetBytes(request.Timestamp + ".").Concat(request.Body).ToArray();
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        Assert.True(CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Signature ?? "")),
            $"signature {request.Signature} does not verify");
    }

    private static JsonNode Body(ReceivedWebhook request) => JsonNode.Parse(request.Body)!;

    private static string? Type(ReceivedWebhook request) => Body(request)["type"]!.GetValue<string>();

    private static string? Tenant(JsonElement delivery) => delivery.GetProperty("tenant_id").GetString();

    private static NewCharge Charge(string tenant, string correlation) =>
        new(tenant, "ticket_resolved", 1, correlation, new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 5, 9, 30, 0, TimeSpan.Zero),
            "support-bot", "3.1", """{"queue": "billing"}""", null, 1, "USD", 1.50m, 1.50m, "{}", Witn.Domain.Contracts.BillingPeriod.Default);

    private async Task<string> CreateTenantAsync()
    {
        var tenant = $"wh-{Guid.NewGuid():N}"[..16];
        using var response = await silo.Client().PutAsJsonAsync($"/v1/tenants/{tenant}", new { name = "Webhooks" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return tenant;
    }

    private async Task<(Guid Id, string Secret)> RegisterAsync(string path, string[] events, string? tenant)
    {
        using var response = await silo.Client().PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url(path), events, tenant_id = tenant }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        return (created.GetProperty("id").GetGuid(), secret);
    }

    /// <summary>Waits until the endpoint has <paramref name="count"/> delivered deliveries and none pending.</summary>
    private async Task<JsonElement[]> DeliveredAsync(Guid endpoint, int count) =>
        await Eventually.ReturnsAsync(async () =>
        {
            var all = await DeliveriesAsync(endpoint, null, 0);
            return all.Length == count && all.All(d => d.GetProperty("status").GetString() == "delivered") ? all : null;
        }, Deadline, $"{count} deliveries to endpoint {endpoint}");

    /// <summary>The endpoint's deliveries of a status; waits until there are at least <paramref name="atLeast"/>.</summary>
    private async Task<JsonElement[]> DeliveriesAsync(Guid endpoint, string? status, int atLeast) =>
        await Eventually.ReturnsAsync(async () =>
        {
            var query = $"/v1/webhooks/deliveries?endpoint={endpoint}" + (status is null ? "" : $"&status={status}");
            var all = (await PagedList.AllAsync(silo.Client(), query)).ToArray();
            return all.Length >= atLeast ? all : null;
        }, Deadline, $"{atLeast} {status} deliveries to endpoint {endpoint}");

    private async Task<JsonNode?> GetJsonAsync(string url) => JsonNode.Parse(await silo.Client().GetStringAsync(url));
}
