using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Witn.Abstractions.Outcomes;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary><c>POST /v1/events</c> through the real host: results per event, durability, isolation, delivery.</summary>
public sealed class EventsApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>, IAsyncLifetime
{
    private const string Tenant = "evt-acme";

    public async ValueTask InitializeAsync()
    {
        using var admin = silo.Client();
        using var tenant = await admin.PutAsync($"/v1/tenants/{Tenant}", KeysApiTests.Json("""{"name":"Acme","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""));
        Assert.True(tenant.IsSuccessStatusCode, await tenant.Content.ReadAsStringAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task each_event_gets_its_own_result_in_request_order()
    {
        using var client = silo.Client();
        await SendAsync(client, Event("order-1", "ticket.closed", """{"ticket_id":"T-1"}"""));

        var results = await SendAsync(client,
            $$"""{"events":[{{Event("order-2", "ticket.created", """{"ticket_id":"T-2"}""")}}, {{Event("order-1", "ticket.closed", """{"ticket_id":"T-1"}""")}}, {{Event("order-1", "ticket.closed", """{"ticket_id":"T-9"}""")}}, {"tenant_id":"{{Tenant}}","type":"Bad Type","timestamp":"2026-11-02T09:00:00Z"}]}""");

        Assert.Equal(["accepted", "duplicate", "conflict", "rejected"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(results[1].GetProperty("event_id").GetString(), results[2].GetProperty("event_id").GetString());
        Assert.Equal("invalid_type", results[3].GetProperty("code").GetString());
        Assert.Equal(1, await CountAsync("order-1"));
        Assert.Equal("""{"ticket_id": "T-1"}""", await PropertiesAsync("order-1")); // jsonb text form
    }

    [Fact]
    public async Task values_the_database_cannot_hold_are_rejected_while_the_rest_of_the_batch_and_other_clients_go_through()
    {
        // A NUL character or a number beyond PostgreSQL's numeric would fail the whole group-committed transaction.
        var batch = $$"""{"events":[{{Event("nul-ok-1", "ticket.created", """{"ticket_id":"N-1"}""")}}, {{Event("nul-bad-1", "ticket.created", """{"note":"a\u0000b"}""")}}, {{Event("nul-bad-2", "ticket.created", """{"n":1e131073}""")}}, {{Event("nul-bad-3\\u0000", "ticket.created", """{"ticket_id":"N-3"}""")}}]}""";
        var others = Enumerable.Range(0, 20).Select(i => Event($"nul-other-{i}", "ticket.created", $$"""{"ticket_id":"O-{{i}}"}""")).ToArray();

        var sent = Enumerable.Range(0, 5).Select(async _ =>
        {
            using var client = silo.Client();
            return await SendAsync(client, batch);
        }).ToList();
        var concurrent = others.Select(async e =>
        {
            using var client = silo.Client();
            return Assert.Single(await SendAsync(client, e)).GetProperty("status").GetString();
        }).ToList();
        var results = await Task.WhenAll(sent);

        Assert.All(await Task.WhenAll(concurrent), status => Assert.Equal("accepted", status));
        Assert.All(results, r =>
        {
            Assert.Contains(r[0].GetProperty("status").GetString(), new[] { "accepted", "duplicate" });
            Assert.Equal(["rejected", "rejected", "rejected"], r[1..].Select(x => x.GetProperty("status").GetString()));
            Assert.Equal(["invalid_properties", "invalid_properties", "invalid_field"], r[1..].Select(x => x.GetProperty("code").GetString()));
        });
        Assert.Single(results, r => r[0].GetProperty("status").GetString() == "accepted");
        Assert.Equal("properties.note", results[0][1].GetProperty("field").GetString());
        Assert.Equal(1, await CountAsync("nul-ok-%"));
        Assert.Equal(0, await CountAsync("nul-bad-%"));
        Assert.Equal(20, await CountAsync("nul-other-%"));
    }

    [Fact]
    public async Task a_batch_retried_five_times_by_ten_clients_at_once_is_stored_once()
    {
        var batch = $$"""{"events":[{{string.Join(",", Enumerable.Range(1, 50).Select(i => Event($"retry-{i}", "ticket.created", $$"""{"ticket_id":"R-{{i}}"}""")))}}]}""";

        var all = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var client = silo.Client();
            var results = new List<string>();
            for (var attempt = 0; attempt < 5; attempt++)
            {
                results.AddRange((await SendAsync(client, batch)).Select(r => r.GetProperty("status").GetString()!));
            }

            return results;
        }));

        var statuses = all.SelectMany(r => r).ToList();
        Assert.Equal(50, statuses.Count(s => s == "accepted"));
        Assert.Equal((10 * 5 * 50) - 50, statuses.Count(s => s == "duplicate"));
        Assert.Equal(50, await CountAsync("retry-%"));
    }

    [Theory]
    [InlineData("nobody-home", "unknown_tenant")]
    [InlineData("NOT_A_TENANT", "invalid_tenant_id")]
    public async Task an_event_for_a_tenant_that_cannot_receive_it_is_rejected_and_not_stored(string tenant, string code)
    {
        using var client = silo.Client();

        var results = await SendAsync(client, Event("lost-1", "ticket.closed", "{}", tenant));

        Assert.Equal("rejected", results[0].GetProperty("status").GetString());
        Assert.Equal(code, results[0].GetProperty("code").GetString());
        Assert.Equal(0, await CountAsync("lost-1"));
    }

    [Fact]
    public async Task an_ingest_key_restricted_to_one_tenant_cannot_send_for_another()
    {
        using var admin = silo.Client();
        (await admin.PutAsync("/v1/tenants/someone-else", KeysApiTests.Json("""{"name":"Someone else"}"""))).EnsureSuccessStatusCode();
        using var created = await admin.PostAsync("/v1/keys", KeysApiTests.Json("""{"name":"other agent","scopes":["ingest"],"tenant_id":"someone-else"}"""));
        using var client = silo.Client((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());

        var results = await SendAsync(client, Event("foreign-1", "ticket.closed", "{}"));

        Assert.Equal("tenant_not_allowed", results[0].GetProperty("code").GetString());
        Assert.Equal(0, await CountAsync("foreign-1"));
    }

    [Fact]
    public async Task a_read_key_may_not_send_events()
    {
        using var admin = silo.Client();
        using var created = await admin.PostAsync("/v1/keys", KeysApiTests.Json("""{"name":"reader","scopes":["read"]}"""));
        using var client = silo.Client((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());

        using var response = await client.PostAsync("/v1/events", KeysApiTests.Json(Event("nope-1", "ticket.closed", "{}")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await CountAsync("nope-1"));
    }

    [Fact]
    public async Task a_body_that_cannot_be_parsed_is_400_saying_where()
    {
        using var response = await silo.Client().PostAsync("/v1/events", KeysApiTests.Json("""{"events": [ {"tenant_id": "x",, } ]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await KeysApiTests.ProblemAsync(response);
        Assert.Contains("line 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://witn.actors/problems/malformed-json", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task a_body_in_another_format_is_415()
    {
        using var response = await silo.Client().PostAsync("/v1/events", new StringContent("type=x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.StartsWith("The content type 'text/plain; charset=utf-8' is not an event format this API reads", (await KeysApiTests.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_body_over_one_mebibyte_is_413_and_stores_nothing()
    {
        var big = new string('x', 1024 * 1024);
        using var response = await silo.Client().PostAsync("/v1/events", KeysApiTests.Json(Event("huge-1", "ticket.closed", $$"""{"blob":"{{big}}"}""")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await CountAsync("huge-1"));
    }

    [Fact]
    public async Task more_than_a_thousand_events_is_400_and_stores_nothing()
    {
        var batch = $$"""{"events":[{{string.Join(",", Enumerable.Range(1, 1001).Select(i => Event($"many-{i}", "ticket.created", "{}")))}}]}""";

        using var response = await silo.Client().PostAsync("/v1/events", KeysApiTests.Json(batch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("https://witn.actors/problems/too-many-events", (await KeysApiTests.ProblemAsync(response)).GetProperty("type").GetString());
        Assert.Equal(0, await CountAsync("many-%"));
    }

    [Fact]
    public async Task a_cloudevent_is_accepted_like_a_native_event()
    {
        var cloudEvent = $$$"""{"specversion":"1.0","id":"ce-1","source":"/support-bot","type":"ticket.closed","time":"2026-11-02T09:30:00Z","tenantid":"{{{Tenant}}}","data":{"ticket_id":"CE-1"}}""";

        using var response = await silo.Client().PostAsync("/v1/events", new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal("accepted", results[0].GetProperty("status").GetString());
        Assert.Equal(1, await CountAsync("ce-1"));
    }

    [Fact]
    public async Task accepted_events_are_delivered_through_the_log_to_the_outcome_grains_of_their_definition()
    {
        using var admin = silo.Client();
        var yaml = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"));
        using var published = await admin.PutAsync("/v1/outcomes/ticket_resolved", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        // ticket.created is not a type ticket_resolved listens to; the event without ticket_id has no correlation value.
        var results = await SendAsync(admin, $$"""{"events":[{{Event("route-created", "ticket.created", """{"ticket_id":"ROUTE-1"}""")}}, {{Event("route-closed", "ticket.closed", """{"ticket_id":"ROUTE-1","resolution":"solved"}""")}}, {{Event("route-reopened", "ticket.reopened", """{"ticket_id":"ROUTE-1"}""")}}, {{Event("route-other", "ticket.closed", """{"resolution":"solved"}""")}}]}""");
        var ids = results.Skip(1).Take(2).Select(r => Guid.Parse(r.GetProperty("event_id").GetString()!)).ToList();

        var outcome = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IOutcomeGrain>(OutcomeKey.Format(Tenant, "ticket_resolved", "ROUTE-1"));
        await Eventually.HoldsAsync(async () => (await outcome.GetEventIdsAsync()).Length == 2, TimeSpan.FromSeconds(30), "both listened events reaching the outcome grain");
        Assert.Equal(ids, await outcome.GetEventIdsAsync());
    }

    [Fact]
    public async Task a_tenants_events_reach_its_outcome_in_log_order()
    {
        using var admin = silo.Client();
        var yaml = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "code_change_merged.yaml"));
        (await admin.PutAsync("/v1/outcomes/code_change_merged", new StringContent(yaml, Encoding.UTF8, "application/yaml"))).EnsureSuccessStatusCode();

        // Sequential requests: each is durable before the next is sent, so log positions follow request order;
        // timestamps run backwards so event-time order and arrival order differ.
        var sent = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero).AddSeconds(-i).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            var body = $$$"""{"tenant_id":"{{{Tenant}}}","type":"ci.passed","timestamp":"{{{at}}}","idempotency_key":"order-ci-{{{i}}}","properties":{"pull_request":"PR-7"}}""";
            sent.Add(Guid.Parse((await SendAsync(admin, body))[0].GetProperty("event_id").GetString()!));
        }

        var outcome = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IOutcomeGrain>(OutcomeKey.Format(Tenant, "code_change_merged", "PR-7"));
        await Eventually.HoldsAsync(async () => (await outcome.GetArrivalsAsync()).Length == sent.Count, TimeSpan.FromSeconds(30), "all events reaching the outcome");
        Assert.Equal(sent, await outcome.GetArrivalsAsync());
        Assert.Equal(Enumerable.Reverse(sent), await outcome.GetEventIdsAsync());
    }

    private static string Event(string key, string type, string properties, string tenant = Tenant) =>
        $$"""{"tenant_id":"{{tenant}}","type":"{{type}}","timestamp":"2026-11-02T09:00:00Z","idempotency_key":"{{key}}","agent":{"id":"support-bot","version":"3.1"},"properties":{{properties}}}""";

    private static async Task<JsonElement[]> SendAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/v1/events", KeysApiTests.Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().Select(e => e.Clone())];
    }

    private async Task<long> CountAsync(string keyPattern)
    {
        await using var conn = new NpgsqlConnection(silo.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM events WHERE idempotency_key LIKE $1", conn);
        cmd.Parameters.AddWithValue(keyPattern);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<string> PropertiesAsync(string key)
    {
        await using var conn = new NpgsqlConnection(silo.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT properties::text FROM events WHERE idempotency_key = $1", conn);
        cmd.Parameters.AddWithValue(key);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
