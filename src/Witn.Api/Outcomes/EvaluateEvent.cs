using System.Text.Json;

namespace Witn.Api.Outcomes;

/// <summary>
/// An event to evaluate, shaped like an ingested one. Without <c>event_id</c> the id is
/// <c>UUIDv5(tenant "evaluate", idempotency_key)</c>; without <c>idempotency_key</c> the key is <c>events[i]</c>.
/// </summary>
public sealed record EvaluateEvent(
    string? EventId,
    string? Type,
    string? Timestamp,
    EvaluateAgent? Agent,
    JsonElement? Properties,
    string? IdempotencyKey,
    string? TraceId,
    string? SpanId);
