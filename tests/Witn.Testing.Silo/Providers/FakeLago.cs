using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Witn.Testing.Silo.Providers;

/// <summary>
/// A stand-in for Lago's events API: a real HTTP server that keeps usage events and refuses a second event with the
/// same <c>transaction_id</c> as Lago does (422, <c>value_already_exist</c>), answers <c>GET /api/v1/events/{id}</c>,
/// and can lose the answer of the next write (the event is kept, the connection dropped).
/// </summary>
public sealed class FakeLago : IAsyncLifetime
{
    public const string Key = "lago_fake_key_0000";

    private readonly ConcurrentDictionary<string, JsonObject> _events = new(StringComparer.Ordinal);
    private int _loseNext;
    private int _posts;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<JsonObject> Events => [.. _events.Values];

    /// <summary>Every POST received, duplicates included.</summary>
    public int Posts => Volatile.Read(ref _posts);

    public void LoseNextAnswer() => Interlocked.Increment(ref _loseNext);

    public async ValueTask InitializeAsync()
    {
        (_app, BaseAddress) = await LoopbackServer.StartAsync(Map);
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/api/v1/events", async (HttpContext context) =>
        {
            Interlocked.Increment(ref _posts);
            if (context.Request.Headers.Authorization.ToString() != $"Bearer {Key}")
            {
                return Results.Json(new { status = 401, error = "Unauthorized" }, statusCode: 401);
            }

            var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted))?["event"]?.AsObject();
            var id = body?["transaction_id"]?.GetValue<string>();
            if (body is null || id is null || body["code"] is null || (body["external_customer_id"] is null && body["external_subscription_id"] is null))
            {
                return Results.Json(new { status = 422, error = "Unprocessable Entity", code = "validation_errors", error_details = new { @event = new[] { "missing transaction_id, code or a customer" } } }, statusCode: 422);
            }

            var stored = (JsonObject)body.DeepClone();
            stored["lago_id"] = Guid.NewGuid().ToString();
            if (!_events.TryAdd(id, stored))
            {
                return Results.Json(new { status = 422, error = "Unprocessable Entity", code = "validation_errors", error_details = new { transaction_id = new[] { "value_already_exist" } } }, statusCode: 422);
            }

            if (Interlocked.Decrement(ref _loseNext) >= 0)
            {
                context.Abort();
                return Results.Empty;
            }

            Interlocked.Exchange(ref _loseNext, 0);
            return Results.Json(new JsonObject { ["event"] = stored.DeepClone() });
        });
        app.MapGet("/api/v1/events/{id}", (string id, HttpContext context) =>
            context.Request.Headers.Authorization.ToString() != $"Bearer {Key}" ? Results.Json(new { status = 401 }, statusCode: 401)
            : _events.TryGetValue(id, out var e) ? Results.Json(new JsonObject { ["event"] = e.DeepClone() })
            : Results.Json(new { status = 404, error = "Not Found", code = "event_not_found" }, statusCode: 404));
    }

    /// <summary>Changes an event's amount behind the exporter's back.</summary>
    public void ChangeAmount(string transactionId, long amountMinor) =>
        _events[transactionId]["properties"]!["amount_minor"] = amountMinor.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
