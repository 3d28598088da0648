using System.Globalization;
using System.Text.Json;
using Witn.Domain.Common;
using Witn.Domain.Events;

namespace Witn.Domain.Ingestion;

/// <summary>
/// Every rejection, with its stable message, in one place (docs/events.md quotes them; tests pin them).
/// Each message says what is wrong with which field and how to fix it.
/// </summary>
public static class EventRejections
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static EventRejection NotAnObject(JsonValueKind found) =>
        new(RejectionCodes.NotAnObject, string.Empty, $"an event must be a JSON object, found {KindName(found)}");

    public static EventRejection UnknownField(string field, string known) =>
        new(RejectionCodes.UnknownField, field, $"unknown field '{field}': remove it or fix its spelling (known fields: {known})");

    public static EventRejection DuplicateField(string field) =>
        new(RejectionCodes.DuplicateField, field, $"field '{field}' appears more than once: send it once");

    public static EventRejection MissingField(string field) =>
        new(RejectionCodes.MissingField, field, $"required field '{field}' is missing");

    public static EventRejection InvalidField(string field, string expected, JsonValueKind found) =>
        new(RejectionCodes.InvalidField, field, $"'{field}' must be {expected}, found {KindName(found)}");

    /// <summary>
    /// The database refused the event's values although they passed validation (the validator should have caught
    /// it: a safety net, so that one such event never fails the others it was written with).
    /// </summary>
    public static EventRejection NotStorable(string problem) =>
        new(RejectionCodes.NotStorable, "", $"the database refused to store the event ({problem}); nothing of it was stored: check its strings and numbers");

    /// <summary>A string field with U+0000, which PostgreSQL cannot store (properties report it as invalid_properties).</summary>
    public static EventRejection NulCharacter(string field) =>
        new(RejectionCodes.InvalidField, field, $"'{field}' {CanonicalJsonWriter.NulCharacter}");

    public static EventRejection InvalidTimestamp(string field, string text) =>
        new(RejectionCodes.InvalidTimestamp, field,
            $"{field} '{text}' is not an ISO-8601 date and time with an offset: use a form such as 2026-11-24T10:00:00Z or 2026-11-24T11:00:00.250+01:00");

    public static EventRejection TimestampOutOfRange(string field, string text) =>
        new(RejectionCodes.TimestampOutOfRange, field, $"{Common.Instants.OutOfRange(field, text)}: send the time the event happened");

    public static EventRejection InvalidTraceId(string field, string text) =>
        new(RejectionCodes.InvalidTrace, field, $"{field} '{text}' is invalid: use 32 hexadecimal digits, not all zero");

    public static EventRejection InvalidSpanId(string field, string text) =>
        new(RejectionCodes.InvalidTrace, field, $"{field} '{text}' is invalid: use 16 hexadecimal digits, not all zero");

    public static EventRejection InvalidTraceParent(string field, string text) =>
        new(RejectionCodes.InvalidTrace, field,
            $"{field} '{text}' is not a W3C traceparent: use 00-<32 lowercase hex trace id>-<16 lowercase hex parent id>-<2 hex flags>, ids not all zero");

    /// <summary>A problem inside properties; <paramref name="problem"/> says what and how to fix it (from <see cref="CanonicalJsonWriter"/>).</summary>
    public static EventRejection InvalidProperties(string field, string problem) =>
        new(RejectionCodes.InvalidProperties, field, $"{field} {problem}");

    public static EventRejection UnsupportedSpecVersion(string text) =>
        new(RejectionCodes.UnsupportedSpecVersion, "specversion", $"specversion '{text}' is not supported: send CloudEvents 1.0 (\"specversion\": \"1.0\")");

    public static EventRejection DataBase64() =>
        new(RejectionCodes.UnsupportedData, "data_base64", "data_base64 is not supported: send the event data as a JSON object in 'data'");

    public static EventRejection DataContentType(string text) =>
        new(RejectionCodes.UnsupportedData, "datacontenttype",
            $"datacontenttype '{text}' is not supported: event data must be JSON (application/json or a +json type)");

    public static EventRejection InvalidTenantId(string field, string tenantId) =>
        new(RejectionCodes.InvalidTenantId, field,
            $"{field} '{tenantId}' is invalid: use lowercase letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters");

    public static EventRejection TenantNotAllowed(string field, string tenantId, string keyTenantId) =>
        new(RejectionCodes.TenantNotAllowed, field,
            $"{field} '{tenantId}' is not allowed: this API key may only send events for tenant '{keyTenantId}'");

    public static EventRejection UnknownTenant(string field, string tenantId) =>
        new(RejectionCodes.UnknownTenant, field, $"{field} '{tenantId}' does not exist: check the spelling or create the tenant first");

    public static EventRejection InvalidType(string field, string type) =>
        new(RejectionCodes.InvalidType, field,
            $"{field} '{type}' is invalid: use {EventTypes.Rule}");

    public static EventRejection TimestampInFuture(string field, DateTimeOffset timestamp, DateTimeOffset now) =>
        new(RejectionCodes.TimestampInFuture, field,
            $"{field} {EventTimestamps.Format(timestamp)} is more than 5 minutes ahead of the tenant's clock ({EventTimestamps.Format(now)}): send the time the event happened, from a synchronized clock");

    public static EventRejection TimestampTooOld(string field, DateTimeOffset timestamp, DateTimeOffset earliest, TimeSpan backfillLimit) =>
        new(RejectionCodes.TimestampTooOld, field,
            $"{field} {EventTimestamps.Format(timestamp)} is older than the tenant's backfill limit of {Describe(backfillLimit)} (earliest accepted: {EventTimestamps.Format(earliest)}): ask an operator to raise the limit to import history");

    public static EventRejection EmptyIdempotencyKey(string field) =>
        new(RejectionCodes.InvalidIdempotencyKey, field,
            $"{field} is empty: send a non-empty key, or leave it out to derive the event id from the event's content");

    public static EventRejection IdempotencyKeyTooLong(string field, int length) =>
        new(RejectionCodes.IdempotencyKeyTooLong, field,
            $"{field} is {length.ToString(Invariant)} characters long: use at most {FieldLimits.MaxIdempotencyKeyLength}");

    public static EventRejection InvalidAgent(string field, int length) =>
        new(RejectionCodes.InvalidAgent, field,
            $"{field} is {length.ToString(Invariant)} characters long: use 1 to {FieldLimits.MaxAgentFieldLength} characters");

    public static EventRejection PropertiesNotObject(string field, JsonValueKind found) =>
        new(RejectionCodes.PropertiesNotObject, field,
            $"{field} must be a JSON object, found {KindName(found)}: put the values in an object such as {{\"value\": ...}}");

    public static EventRejection PropertiesTooDeep(string field, int depth) =>
        new(RejectionCodes.PropertiesTooDeep, field,
            $"{field} are nested {depth.ToString(Invariant)} levels deep: at most {EnvelopeLimits.MaxPropertiesDepth} levels are allowed (the {field} object itself is level 1)");

    public static EventRejection PropertiesTooLarge(string field, int bytes) =>
        new(RejectionCodes.PropertiesTooLarge, field,
            $"{field} are {bytes.ToString("N0", Invariant)} bytes as canonical JSON: at most {EnvelopeLimits.MaxPropertiesBytes.ToString("N0", Invariant)} bytes are allowed");

    /// <summary>The reason given with a <see cref="EventResultStatus.Conflict"/> result.</summary>
    public static EventRejection IdempotencyConflict(string field, string idempotencyKey, Guid originalEventId) =>
        new(RejectionCodes.IdempotencyConflict, field,
            $"{field} '{idempotencyKey}' was already used for an event with different content (event {originalEventId:D}); the original is kept: use a new key for a different event");

    /// <summary>The reason given when an event without a key has the natural key of an event with other content.</summary>
    public static EventRejection NaturalKeyConflict(Guid originalEventId) =>
        new(RejectionCodes.IdempotencyConflict, string.Empty,
            $"an event with the same tenant, type, timestamp and properties but different content (agent) was already accepted (event {originalEventId:D}); the original is kept: send an idempotency key to tell such events apart");

    internal static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Describe(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? Plural(span.Days, "day")
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? Plural((long)span.TotalHours, "hour")
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? Plural((long)span.TotalMinutes, "minute")
        : Plural((long)span.TotalSeconds, "second");

    private static string Plural(long n, string unit) => n.ToString("N0", Invariant) + " " + unit + (n == 1 ? string.Empty : "s");
}
