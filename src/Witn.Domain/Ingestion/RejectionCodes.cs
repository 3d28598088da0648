namespace Witn.Domain.Ingestion;

/// <summary>The stable machine codes of <see cref="EventRejection"/> and of a conflict (docs/events.md lists each message).</summary>
public static class RejectionCodes
{
    // Read by the parser: the event's JSON shape.
    public const string NotAnObject = "not_an_object";
    public const string UnknownField = "unknown_field";
    public const string DuplicateField = "duplicate_field";
    public const string MissingField = "missing_field";
    public const string InvalidField = "invalid_field";
    public const string InvalidTimestamp = "invalid_timestamp";
    public const string TimestampOutOfRange = "timestamp_out_of_range";
    public const string InvalidTrace = "invalid_trace";
    public const string InvalidProperties = "invalid_properties";
    public const string UnsupportedSpecVersion = "unsupported_specversion";
    public const string UnsupportedData = "unsupported_data";

    // Decided by the validator: the values, against the tenant and the key.
    public const string InvalidTenantId = "invalid_tenant_id";
    public const string TenantNotAllowed = "tenant_not_allowed";
    public const string UnknownTenant = "unknown_tenant";
    public const string InvalidType = "invalid_type";
    public const string TimestampInFuture = "timestamp_in_future";
    public const string TimestampTooOld = "timestamp_too_old";
    public const string InvalidIdempotencyKey = "invalid_idempotency_key";
    public const string IdempotencyKeyTooLong = "idempotency_key_too_long";
    public const string InvalidAgent = "invalid_agent";
    public const string PropertiesNotObject = "properties_not_object";
    public const string PropertiesTooDeep = "properties_too_deep";
    public const string PropertiesTooLarge = "properties_too_large";

    // Decided by the log: the same idempotency key with different content; a value the database refuses.
    public const string IdempotencyConflict = "idempotency_conflict";
    public const string NotStorable = "not_storable";
}
