using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>
/// OpenTelemetry on a real silo over real HTTP: Prometheus text at /metrics under load, who may scrape it, and one
/// trace from POST /v1/events through the log append, linked to the span the event names.
/// </summary>
public sealed partial class TelemetryTests(TelemetrySilo silo) : IClassFixture<TelemetrySilo>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _tenant = $"otel-{Guid.NewGuid().ToString("N")[..8]}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var admin = silo.Client();
        using var tenant = await admin.PutAsync($"/v1/tenants/{_tenant}", KeysApiTests.Json("""{"name":"Telemetry","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""), Ct);
        Assert.True(tenant.IsSuccessStatusCode, await tenant.Content.ReadAsStringAsync(Ct));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task a_scrape_of_a_silo_under_load_finds_the_ingest_log_and_outcome_series()
    {
        using var agent = silo.Client();
        // Load: 20 concurrent requests of 25 events each, every event new.
        var requests = Enumerable.Range(0, 20).Select(async r =>
        {
            var events = string.Join(",", Enumerable.Range(0, 25).Select(i => Event($"load-{r}-{i}")));
            using var response = await agent.PostAsync("/v1/events", KeysApiTests.Json($$"""{"events":[{{events}}]}"""), Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        });
        await Task.WhenAll(requests);

        using var scraper = silo.Client();
        var text = await Eventually.ReturnsAsync(async () =>
        {
            var body = await scraper.GetStringAsync("/metrics", Ct);
            return Value(body, "witn_ingest_events_total", "status=\"accepted\"") >= 500 && body.Contains("witn_log_delivery_lag_seconds", StringComparison.Ordinal) ? body : null;
        }, Deadline, "500 accepted events in the scraped witn_ingest_events_total");

        Assert.True(Value(text, "witn_ingest_batch_size_count") >= 20, "witn_ingest_batch_size has a sample per request");
        Assert.True(Value(text, "witn_ingest_ack_duration_seconds_count") >= 20, "witn_ingest_ack_duration_seconds has a sample per request");
        Assert.Contains("witn_ingest_ack_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("witn_ingest_request_size_bytes_bucket{", text, StringComparison.Ordinal);
        Assert.True(Value(text, "witn_log_flush_size_sum") >= 500, "the flushes wrote the 500 events");
        Assert.Contains("witn_log_flush_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("witn_outcomes_backlog", text, StringComparison.Ordinal);
        // The host's own instrumentation rides along: ASP.NET Core's request durations, Npgsql's commands.
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("db_client_", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_metrics_key_scrapes_and_does_nothing_else_while_other_keys_are_refused()
    {
        using var admin = silo.Client();
        var metrics = await KeyAsync(admin, "metrics", null);
        var restrictedMetrics = await KeyAsync(admin, "metrics", _tenant);
        var read = await KeyAsync(admin, "read", null);

        using (var scrape = await silo.Client(metrics).GetAsync("/metrics", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await silo.Client(metrics).GetAsync("/v1/tenants", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await silo.Client(metrics).PostAsync("/v1/events", KeysApiTests.Json(Event("metrics-key")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await silo.Client(metrics).GetAsync("/v1/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await silo.Client(read).GetAsync("/metrics", Ct)).StatusCode);
        // The metrics of every tenant are an operator's: a key restricted to a tenant is refused even with the scope.
        Assert.Equal(HttpStatusCode.Forbidden, (await silo.Client(restrictedMetrics).GetAsync("/metrics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await silo.Anonymous().GetAsync("/metrics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await silo.Client("wk_not_a_key").GetAsync("/metrics", Ct)).StatusCode);
    }

    [Fact]
    public async Task an_ingest_request_is_one_trace_through_the_log_append_and_links_the_events_own_span()
    {
        var requestTrace = ActivityTraceId.CreateRandom();
        var agentSpan = ActivitySpanId.CreateRandom();
        var eventTrace = ActivityTraceId.CreateRandom();
        var eventSpan = ActivitySpanId.CreateRandom();
        // The agent's own traceparent, as its tracer sends it: this process's HttpClient must not replace it with its own.
        using var agent = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = silo.BaseAddress };
        agent.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", silo.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = KeysApiTests.Json(Event("traced", $$""","trace":{"trace_id":"{{eventTrace.ToHexString()}}","span_id":"{{eventSpan.ToHexString()}}"}""")),
        };
        request.Headers.Add("traceparent", $"00-{requestTrace.ToHexString()}-{agentSpan.ToHexString()}-01");

        using var response = await agent.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // The request continues the agent's trace: ASP.NET Core's span → witn.ingest → witn.log.append.
        var ingest = await Eventually.ReturnsAsync(() => Task.FromResult(silo.Exported.Snapshot().FirstOrDefault(a => a.OperationName == "witn.ingest" && a.TraceId == requestTrace)), Deadline, "the witn.ingest span");
        // ASP.NET Core's span ends (and is exported) after the response is on its way, so the client may see the answer first.
        var server = await Eventually.ReturnsAsync(() => Task.FromResult(silo.Exported.Snapshot().FirstOrDefault(a => a.SpanId == ingest.ParentSpanId)), Deadline, "the request's server span");
        Assert.Equal(agentSpan, server.ParentSpanId);
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Contains(ingest.Links, l => l.Context.TraceId == eventTrace && l.Context.SpanId == eventSpan);
        var append = silo.Exported.Snapshot().Single(a => a.OperationName == "witn.log.append" && a.ParentSpanId == ingest.SpanId);
        Assert.Equal(requestTrace, append.TraceId);

        // The group commit that carried it is a trace of its own, linked to the append; Npgsql's commands are its children.
        var flush = await Eventually.ReturnsAsync(() => Task.FromResult(silo.Exported.Snapshot().FirstOrDefault(a => a.OperationName == "witn.log.flush" && a.Links.Any(l => l.Context.SpanId == append.SpanId))), Deadline, "the witn.log.flush span linked to the append");
        Assert.Contains(silo.Exported.Snapshot(), a => a.Source.Name == "Npgsql" && a.ParentSpanId == flush.SpanId);

        // Delivery to the tenant links the event's own span: the agent's trace reaches the engine's work on it.
        await Eventually.ReturnsAsync(() => Task.FromResult(silo.Exported.Snapshot().FirstOrDefault(a => a.OperationName == "witn.log.deliver" && a.Links.Any(l => l.Context.TraceId == eventTrace && l.Context.SpanId == eventSpan))), Deadline, "the witn.log.deliver span linked to the event");
    }

    /// <summary>The sum of a series' samples whose labels contain <paramref name="label"/> (all its samples without one).</summary>
    private static double Value(string text, string series, string? label = null)
    {
        var total = 0.0;
        foreach (Match m in Sample().Matches(text))
        {
            if (m.Groups["name"].Value == series && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                total += double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    private string Event(string key, string extra = "") =>
        $$"""{"tenant_id":"{{_tenant}}","type":"ticket.closed","timestamp":"2026-11-02T09:00:00Z","idempotency_key":"{{key}}","properties":{"ticket_id":"{{key}}"}{{extra}}}""";

    private static async Task<string> KeyAsync(HttpClient admin, string scope, string? tenant)
    {
        using var response = await admin.PostAsJsonAsync("/v1/keys", new { name = $"telemetry {scope}", scopes = new[] { scope }, tenant_id = tenant }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }
}
