using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Extensions;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;
using Npgsql;

namespace Witn.Api.Tests;

/// <summary>
/// <c>POST /v1/events</c> with the official CloudEvents .NET SDK as the client: the HTTP binding's binary, structured
/// and batched modes, with extension attributes the engine does not use.
/// </summary>
public sealed class CloudEventsApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>, IAsyncLifetime
{
    private const string Tenant = "ce-acme";

    private static readonly JsonEventFormatter Formatter = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var admin = silo.Client();
        using var tenant = await admin.PutAsync($"/v1/tenants/{Tenant}", KeysApiTests.Json("""{"name":"Acme","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""), Ct);
        Assert.True(tenant.IsSuccessStatusCode, await tenant.Content.ReadAsStringAsync(Ct));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task the_sdks_default_binary_mode_is_accepted_and_is_the_same_event_as_in_structured_mode()
    {
        var binary = await SendAsync(Event("ce-bin-1").ToHttpContent(ContentMode.Binary, Formatter));
        var structured = await SendAsync(Event("ce-bin-1").ToHttpContent(ContentMode.Structured, Formatter));

        Assert.Equal("accepted", Status(binary), StringComparer.Ordinal);
        Assert.Equal("duplicate", Status(structured), StringComparer.Ordinal);
        Assert.Equal(binary[0].GetProperty("event_id").GetString(), structured[0].GetProperty("event_id").GetString());
        Assert.Equal("""{"ticket_id": "ce-bin-1"}""", await PropertiesAsync("ce-bin-1"));
    }

    [Theory]
    [InlineData(ContentMode.Binary)]
    [InlineData(ContentMode.Structured)]
    public async Task a_partitionkey_extension_is_accepted_not_rejected(ContentMode mode)
    {
        var key = $"ce-partition-{mode}";
        var cloudEvent = Event(key);
        cloudEvent.SetPartitionKey("customer-42");
        cloudEvent["sequence"] = "7";

        var results = await SendAsync(cloudEvent.ToHttpContent(mode, Formatter));

        Assert.Equal("accepted", Status(results), StringComparer.Ordinal);
        Assert.Equal(1, await CountAsync(key));
    }

    [Fact]
    public async Task a_batch_from_the_sdk_gets_one_result_per_event()
    {
        var second = Event("ce-batch-2");
        second.SetPartitionKey("customer-42");

        var results = await SendAsync(new[] { Event("ce-batch-1"), second }.ToHttpContent(Formatter));

        Assert.Equal(["accepted", "accepted"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(2, await CountAsync("ce-batch-%"));
    }

    [Fact]
    public async Task binary_data_that_is_not_json_rejects_the_event_naming_its_content_type()
    {
        var cloudEvent = Event("ce-text-1");
        cloudEvent.DataContentType = "text/plain";
        cloudEvent.Data = "ticket closed";

        var results = await SendAsync(cloudEvent.ToHttpContent(ContentMode.Binary, Formatter));

        var result = Assert.Single(results);
        Assert.Equal("rejected", result.GetProperty("status").GetString());
        Assert.Equal("unsupported_data", result.GetProperty("code").GetString());
        Assert.Equal("datacontenttype", result.GetProperty("field").GetString());
        Assert.Equal(0, await CountAsync("ce-text-1"));
    }

    [Fact]
    public async Task binary_mode_attributes_are_case_insensitive_and_percent_decoded()
    {
        using var request = Binary("ce-case-1", """{"ticket_id":"ce-case-1"}""");
        request.Headers.Remove("ce-type");
        request.Headers.Add("CE-Type", "ticket%2Eclosed");

        using var response = await silo.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("accepted", Status((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("results").EnumerateArray().ToArray()), StringComparer.Ordinal);
    }

    [Fact]
    public async Task a_binary_body_that_is_not_json_is_400_saying_where_in_the_body()
    {
        using var request = Binary("ce-broken-1", "{\n  \"ticket_id\": ,\n}");

        using var response = await silo.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await KeysApiTests.ProblemAsync(response);
        Assert.Equal("https://witn.actors/problems/malformed-json", problem.GetProperty("type").GetString());
        Assert.Contains("at line 2, byte 16", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static CloudEvent Event(string id)
    {
        var cloudEvent = new CloudEvent
        {
            Id = id,
            Type = "ticket.closed",
            Source = new Uri("urn:witn:support-bot"),
            Time = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero),
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["ticket_id"] = id }),
        };
        cloudEvent["tenantid"] = Tenant;
        return cloudEvent;
    }

    // A binary-mode request written by hand, for what an SDK never sends.
    private static HttpRequestMessage Binary(string id, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", id);
        request.Headers.Add("ce-source", "urn:witn:support-bot");
        request.Headers.Add("ce-type", "ticket.closed");
        request.Headers.Add("ce-time", "2026-11-02T09:30:00Z");
        request.Headers.Add("ce-tenantid", Tenant);
        return request;
    }

    private async Task<JsonElement[]> SendAsync(HttpContent content)
    {
        using (content)
        {
            using var response = await silo.Client().PostAsync("/v1/events", content, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
            return JsonDocument.Parse(body).RootElement.GetProperty("results").EnumerateArray().ToArray();
        }
    }

    private static string? Status(JsonElement[] results)
    {
        var result = Assert.Single(results);
        return result.GetProperty("status").GetString() is "rejected" ? $"rejected: {result}" : result.GetProperty("status").GetString();
    }

    private async Task<long> CountAsync(string keyPattern)
    {
        await using var conn = new NpgsqlConnection(silo.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM events WHERE tenant_id = $1 AND idempotency_key LIKE $2", conn);
        cmd.Parameters.AddWithValue(Tenant);
        cmd.Parameters.AddWithValue(keyPattern);
        return (long)(await cmd.ExecuteScalarAsync(Ct))!;
    }

    private async Task<string> PropertiesAsync(string key)
    {
        await using var conn = new NpgsqlConnection(silo.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand("SELECT properties::text FROM events WHERE tenant_id = $1 AND idempotency_key = $2", conn);
        cmd.Parameters.AddWithValue(Tenant);
        cmd.Parameters.AddWithValue(key);
        return (string)(await cmd.ExecuteScalarAsync(Ct))!;
    }
}
