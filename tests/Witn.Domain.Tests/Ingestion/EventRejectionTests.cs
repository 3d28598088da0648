using Witn.Domain.Ingestion;
using static Witn.Domain.Tests.Ingestion.Envelopes;

namespace Witn.Domain.Tests.Ingestion;

/// <summary>Every rejection with its exact code, field and message (docs/events.md quotes them).</summary>
public sealed class EventRejectionTests
{
    private static EventRejection Invalid(string body, TenantContext? tenant = null)
    {
        var result = EventValidator.Validate(Single(body), tenant ?? Acme);
        Assert.False(result.IsValid);
        return result.Rejection;
    }

    private static EventRejection Invalid(string field, string? json, TenantContext? tenant = null) => Invalid(With(field, json), tenant);

    // Read by the parser.

    [Fact]
    public void an_element_that_is_not_an_object_is_rejected() =>
        Assert.Equal(
            new EventRejection("not_an_object", "", "an event must be a JSON object, found an array"),
            Parse("{\"events\": [[1]]}").Items[0].Rejection);

    [Fact]
    public void an_unknown_field_is_rejected_naming_it() =>
        Assert.Equal(
            new EventRejection("unknown_field", "propertys",
                "unknown field 'propertys': remove it or fix its spelling (known fields: tenant_id, type, timestamp, idempotency_key, agent, trace, properties)"),
            Rejection(With("propertys", "{}")));

    [Fact]
    public void an_unknown_field_in_the_agent_is_rejected_naming_it() =>
        Assert.Equal(
            new EventRejection("unknown_field", "agent.name", "unknown field 'agent.name': remove it or fix its spelling (known fields: id, version)"),
            Rejection(With("agent", """{"id": "bot", "name": "x"}""")));

    [Fact]
    public void a_field_sent_twice_is_rejected() =>
        Assert.Equal(
            new EventRejection("duplicate_field", "type", "field 'type' appears more than once: send it once"),
            Rejection("""{"type": "a", "tenant_id": "acme", "type": "b", "timestamp": "2026-11-24T10:00:00Z"}"""));

    [Theory]
    [InlineData("tenant_id")]
    [InlineData("type")]
    [InlineData("timestamp")]
    public void a_missing_required_field_is_rejected(string field) =>
        Assert.Equal(new EventRejection("missing_field", field, $"required field '{field}' is missing"), Rejection(With(field, null)));

    [Fact]
    public void an_agent_without_id_is_rejected() =>
        Assert.Equal(new EventRejection("missing_field", "agent.id", "required field 'agent.id' is missing"), Rejection(With("agent", """{"version": "1"}""")));

    [Fact]
    public void a_field_of_the_wrong_json_type_is_rejected() =>
        Assert.Equal(new EventRejection("invalid_field", "type", "'type' must be a string, found a number"), Rejection(With("type", "42")));

    [Fact]
    public void an_optional_field_of_the_wrong_json_type_is_rejected() =>
        Assert.Equal(
            new EventRejection("invalid_field", "idempotency_key", "'idempotency_key' must be a string or null, found a boolean"),
            Rejection(With("idempotency_key", "true")));

    [Fact]
    public void an_agent_that_is_not_an_object_is_rejected() =>
        Assert.Equal(
            new EventRejection("invalid_field", "agent", "'agent' must be an object such as {\"id\": \"support-bot\", \"version\": \"3.1.0\"}, found a string"),
            Rejection(With("agent", "\"support-bot\"")));

    [Theory]
    [InlineData("2026-11-24 10:00:00Z")]
    [InlineData("2026-11-24T10:00:00")]
    [InlineData("2026-11-24")]
    [InlineData("24/11/2026 10:00")]
    [InlineData("2026-13-24T10:00:00Z")]
    public void a_timestamp_that_is_not_iso_8601_with_an_offset_is_rejected(string text) =>
        Assert.Equal(
            new EventRejection("invalid_timestamp", "timestamp",
                $"timestamp '{text}' is not an ISO-8601 date and time with an offset: use a form such as 2026-11-24T10:00:00Z or 2026-11-24T11:00:00.250+01:00"),
            Rejection(With("timestamp", $"\"{text}\"")));

    [Fact]
    public void a_numeric_timestamp_is_rejected() =>
        Assert.Equal(
            new EventRejection("invalid_field", "timestamp", "'timestamp' must be an ISO-8601 date and time string with an offset, found a number"),
            Rejection(With("timestamp", "1795514400")));

    [Fact]
    public void a_malformed_trace_id_is_rejected() =>
        Assert.Equal(
            new EventRejection("invalid_trace", "trace.trace_id", "trace.trace_id 'abc' is invalid: use 32 hexadecimal digits, not all zero"),
            Rejection(With("trace", """{"trace_id": "abc"}""")));

    [Fact]
    public void an_all_zero_span_id_is_rejected() =>
        Assert.Equal(
            new EventRejection("invalid_trace", "trace.span_id", "trace.span_id '0000000000000000' is invalid: use 16 hexadecimal digits, not all zero"),
            Rejection(With("trace", """{"trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "0000000000000000"}""")));

    [Fact]
    public void a_trace_without_trace_id_is_rejected() =>
        Assert.Equal(
            new EventRejection("missing_field", "trace.trace_id", "required field 'trace.trace_id' is missing"),
            Rejection(With("trace", """{"span_id": "00f067aa0ba902b7"}""")));

    [Fact]
    public void properties_with_a_duplicate_key_are_rejected_naming_where() =>
        Assert.Equal(
            new EventRejection("invalid_properties", "properties.order.lines[1]", "properties.order.lines[1] has the key 'sku' twice: send valid, unambiguous JSON"),
            Rejection(With("properties", """{"order": {"lines": [{"sku": 1}, {"sku": 2, "sku": 3}]}}""")));

    [Fact]
    public void properties_with_an_unpaired_surrogate_are_rejected() =>
        Assert.Equal(
            new EventRejection("invalid_properties", "properties.note", "properties.note has a string with an unpaired UTF-16 surrogate escape: send valid, unambiguous JSON"),
            Rejection(With("properties", """{"note": "a\udc00b"}""")));

    [Theory]
    [InlineData("1e99999999999")]
    [InlineData("1e131073")]
    [InlineData("12.5e131071")]
    [InlineData("1e-16384")]
    [InlineData("-0.5e-16383")]
    public void properties_with_a_number_postgresql_cannot_store_are_rejected(string number) =>
        Assert.Equal(
            new EventRejection("invalid_properties", "properties.n",
                "properties.n has a number beyond what can be stored (at most 131,072 digits before the decimal point and 16,383 after): send it as a string"),
            Rejection(With("properties", $$"""{"n": {{number}}}""")));

    [Theory]
    [InlineData("1e131071")]
    [InlineData("9.99e131071")]
    [InlineData("1e-16383")]
    [InlineData("123456789012345678901234567890.123456789")]
    public void properties_with_numbers_at_the_storable_limits_are_read(string number) =>
        Assert.StartsWith("{\"n\":", Single(With("properties", $$"""{"n": {{number}}}""")).PropertiesJson, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"note": "a\u0000b"}""", "properties.note")]
    [InlineData("""{"a\u0000": 1}""", "properties")]
    [InlineData("""{"list": ["ok", "\u0000"]}""", "properties.list[1]")]
    public void properties_with_a_nul_character_are_rejected_naming_where(string properties, string field) =>
        Assert.Equal(
            new EventRejection("invalid_properties", field, field + " has a NUL character (\\u0000), which cannot be stored: remove it"),
            Rejection(With("properties", properties)));

    [Theory]
    [InlineData("idempotency_key", "\"k\\u0000\"")]
    [InlineData("agent", """{"id": "bot\u0000"}""")]
    [InlineData("type", "\"a\\u0000\"")]
    public void a_field_with_a_nul_character_is_rejected_naming_it(string field, string json)
    {
        var rejection = Rejection(With(field, json));
        Assert.Equal("invalid_field", rejection.Code);
        Assert.StartsWith(field, rejection.Field, StringComparison.Ordinal);
        Assert.EndsWith("has a NUL character (\\u0000), which cannot be stored: remove it", rejection.Message, StringComparison.Ordinal);
    }

    // Decided by the validator.

    [Fact]
    public void an_invalid_tenant_id_is_rejected() =>
        Assert.Equal(
            new EventRejection("invalid_tenant_id", "tenant_id",
                "tenant_id 'Acme Corp' is invalid: use lowercase letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters"),
            Invalid("tenant_id", "\"Acme Corp\""));

    [Fact]
    public void a_key_restricted_to_another_tenant_cannot_send() =>
        Assert.Equal(
            new EventRejection("tenant_not_allowed", "tenant_id", "tenant_id 'acme' is not allowed: this API key may only send events for tenant 'globex'"),
            Invalid(Event, Acme with { KeyTenantId = "globex" }));

    [Fact]
    public void a_restricted_key_learns_nothing_about_whether_another_tenant_exists() =>
        Assert.Equal("tenant_not_allowed", Invalid(Event, TenantContext.Unknown("globex")).Code);

    [Fact]
    public void an_unknown_tenant_is_rejected() =>
        Assert.Equal(
            new EventRejection("unknown_tenant", "tenant_id", "tenant_id 'acme' does not exist: check the spelling or create the tenant first"),
            Invalid(Event, TenantContext.Unknown()));

    [Theory]
    [InlineData("Ticket Closed")]
    [InlineData("ticket/closed")]
    [InlineData("")]
    public void an_invalid_type_is_rejected(string type) =>
        Assert.Equal(
            new EventRejection("invalid_type", "type",
                $"type '{type}' is invalid: use lowercase letters, digits, '.', '_' and '-', at most 128 characters"),
            Invalid("type", $"\"{type}\""));

    [Fact]
    public void a_type_of_129_characters_is_rejected_and_128_accepted()
    {
        Assert.Equal("invalid_type", Invalid("type", $"\"{new string('a', 129)}\"").Code);
        Assert.True(EventValidator.Validate(Single(With("type", $"\"{new string('a', 128)}\"")), Acme).IsValid);
    }

    [Fact]
    public void a_timestamp_more_than_5_minutes_ahead_is_rejected() =>
        Assert.Equal(
            new EventRejection("timestamp_in_future", "timestamp",
                "timestamp 2026-11-24T10:05:00.000001Z is more than 5 minutes ahead of the tenant's clock (2026-11-24T10:00:00.000000Z): send the time the event happened, from a synchronized clock"),
            Invalid("timestamp", "\"2026-11-24T10:05:00.000001Z\""));

    [Fact]
    public void a_timestamp_exactly_5_minutes_ahead_is_accepted() =>
        Assert.True(EventValidator.Validate(Single(With("timestamp", "\"2026-11-24T10:05:00Z\"")), Acme).IsValid);

    [Fact]
    public void a_timestamp_before_the_backfill_limit_is_rejected() =>
        Assert.Equal(
            new EventRejection("timestamp_too_old", "timestamp",
                "timestamp 2026-10-25T09:59:59.999999Z is older than the tenant's backfill limit of 30 days (earliest accepted: 2026-10-25T10:00:00.000000Z): ask an operator to raise the limit to import history"),
            Invalid("timestamp", "\"2026-10-25T09:59:59.999999Z\""));

    [Fact]
    public void the_sandbox_test_clock_decides_the_window() =>
        Assert.Equal("timestamp_in_future", Invalid(Event, Acme with { Now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) }).Code);

    [Fact]
    public void an_empty_idempotency_key_is_rejected() =>
        Assert.Equal(
            new EventRejection("invalid_idempotency_key", "idempotency_key",
                "idempotency_key is empty: send a non-empty key, or leave it out to derive the event id from the event's content"),
            Invalid("idempotency_key", "\"\""));

    [Fact]
    public void an_idempotency_key_over_256_characters_is_rejected() =>
        Assert.Equal(
            new EventRejection("idempotency_key_too_long", "idempotency_key", "idempotency_key is 257 characters long: use at most 256"),
            Invalid("idempotency_key", $"\"{new string('k', 257)}\""));

    [Fact]
    public void an_empty_agent_id_is_rejected() =>
        Assert.Equal(
            new EventRejection("invalid_agent", "agent.id", "agent.id is 0 characters long: use 1 to 128 characters"),
            Invalid("agent", """{"id": ""}"""));

    [Fact]
    public void properties_that_are_not_an_object_are_rejected() =>
        Assert.Equal(
            new EventRejection("properties_not_object", "properties",
                "properties must be a JSON object, found an array: put the values in an object such as {\"value\": ...}"),
            Invalid("properties", "[1]"));

    [Fact]
    public void null_properties_are_rejected() =>
        Assert.Equal("properties_not_object", Invalid("properties", "null").Code);

    [Fact]
    public void properties_deeper_than_8_levels_are_rejected_and_8_accepted()
    {
        static string Nested(int levels) => string.Concat(Enumerable.Repeat("{\"a\":", levels - 1)) + "{}" + new string('}', levels - 1);

        Assert.Equal(
            new EventRejection("properties_too_deep", "properties",
                "properties are nested 9 levels deep: at most 8 levels are allowed (the properties object itself is level 1)"),
            Invalid("properties", Nested(9)));
        Assert.True(EventValidator.Validate(Single(With("properties", Nested(8))), Acme).IsValid);
    }

    [Fact]
    public void properties_over_64_kib_are_rejected()
    {
        var big = $"{{\"text\": \"{new string('x', 65_536)}\"}}";

        Assert.Equal(
            new EventRejection("properties_too_large", "properties", "properties are 65,547 bytes as canonical JSON: at most 65,536 bytes are allowed"),
            Invalid("properties", big));
    }

    [Fact]
    public void an_idempotency_conflict_has_a_stable_reason()
    {
        var e = EventValidator.Validate(Single(Event), Acme).Event!;

        var result = EventResult.Conflict(e);

        Assert.Equal(EventResultStatus.Conflict, result.Status);
        Assert.Equal(e.EventId, result.EventId);
        Assert.Equal("idempotency_conflict", result.Code);
        Assert.Equal(
            $"idempotency_key 'ticket-T-1042-closed' was already used for an event with different content (event {e.EventId:D}); the original is kept: use a new key for a different event",
            result.Reason);
    }

    [Fact]
    public void rejections_stop_at_the_first_broken_rule_in_the_documented_order() =>
        Assert.Equal("invalid_tenant_id", Invalid(With("tenant_id", "\"A\"").Replace("ticket.closed", "Bad Type", StringComparison.Ordinal)).Code);
}
