using System.Text.Json.Serialization;

namespace Witn.Domain.Ingestion;

/// <summary>
/// The answer for one event, in request order: <c>{"status": "accepted", "event_id": "…"}</c>,
/// <c>duplicate</c> (the original's id), <c>conflict</c> (the original's id, with <c>code</c>
/// <c>idempotency_conflict</c> and a reason), or <c>rejected</c> (<c>code</c>, <c>field</c>, <c>reason</c>).
/// </summary>
public sealed record EventResult(
    [property: JsonPropertyName("status")] EventResultStatus Status,
    [property: JsonPropertyName("event_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? EventId = null,
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code = null,
    [property: JsonPropertyName("field"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null)
{
    public static EventResult Accepted(Guid eventId) => new(EventResultStatus.Accepted, eventId);

    public static EventResult Duplicate(Guid originalEventId) => new(EventResultStatus.Duplicate, originalEventId);

    /// <summary>
    /// Same id, different content hash: the original stays, the new content is not stored.
    /// <paramref name="names"/> are the sender's field names (native by default; CloudEvents call the key <c>id</c>).
    /// </summary>
    public static EventResult Conflict(ValidatedEvent attempted, EventFieldNames? names = null) =>
        Conflict(attempted.EventId, attempted.IdempotencyKey is { } key
            ? EventRejections.IdempotencyConflict((names ?? EventFieldNames.Native).IdempotencyKey, key, attempted.EventId)
            : EventRejections.NaturalKeyConflict(attempted.EventId));

    public static EventResult Conflict(Guid originalEventId, EventRejection reason) =>
        new(EventResultStatus.Conflict, originalEventId, reason.Code, reason.Field, reason.Message);

    public static EventResult Rejected(EventRejection rejection) =>
        new(EventResultStatus.Rejected, null, rejection.Code, rejection.Field, rejection.Message);
}
