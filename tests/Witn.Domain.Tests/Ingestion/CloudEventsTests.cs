using Witn.Domain.Events;
using Witn.Domain.Ingestion;
using static Witn.Domain.Tests.Ingestion.Envelopes;

namespace Witn.Domain.Tests.Ingestion;

public sealed class CloudEventsTests
{
    private const string Cloud =
        """{"specversion": "1.0", "id": "ticket-T-1042-closed", "source": "/support-bot", "type": "ticket.closed", "time": "2026-11-24T10:00:00Z", "tenantid": "acme", "datacontenttype": "application/json", "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "agentid": "support-bot", "agentversion": "3.1.0", "data": {"ticket_id": "T-1042", "resolution": "solved"}}""";

    private static string CloudWith(string field, string? json) =>
        json is null
            ? Cloud.Replace($", \"{field}\": \"{Field(field)}\"", string.Empty, StringComparison.Ordinal)
            : Cloud[..^1] + $", \"{field}\": {json}}}";

    private static string Field(string name) => name switch
    {
        "time" => "2026-11-24T10:00:00Z",
        "tenantid" => "acme",
        "source" => "/support-bot",
        "traceparent" => "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "id" => "ticket-T-1042-closed",
        _ => throw new ArgumentException(name),
    };

    [Fact]
    public void a_structured_cloudevent_maps_to_the_same_event_as_the_native_envelope()
    {
        var cloud = Single(Cloud, EnvelopeFormat.CloudEvent);
        var native = Single(Event);

        Assert.Equal(EnvelopeFormat.CloudEvent, cloud.Format);
        Assert.Equal(native.TenantId, cloud.TenantId);
        Assert.Equal(native.Type, cloud.Type);
        Assert.Equal(native.Timestamp, cloud.Timestamp);
        Assert.Equal(native.IdempotencyKey, cloud.IdempotencyKey);
        Assert.Equal(new AgentRef("support-bot", "3.1.0"), cloud.Agent);
        Assert.Equal(native.PropertiesJson, cloud.PropertiesJson);
        Assert.Equal(new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"), cloud.Trace);

        var a = EventValidator.Validate(cloud, Acme).Event!;
        var b = EventValidator.Validate(native, Acme).Event!;
        Assert.Equal(b.EventId, a.EventId);
        Assert.Equal(b.ContentHash, a.ContentHash);
    }

    [Fact]
    public void a_cloudevents_batch_gives_one_item_per_event_in_order()
    {
        var second = Cloud.Replace("ticket.closed", "ticket.reopened", StringComparison.Ordinal);

        var result = Parse($"[{Cloud}, \"oops\", {second}]", EnvelopeFormat.CloudEventBatch);

        Assert.Equal("ticket.closed", result.Items[0].Event!.Type);
        Assert.Equal("not_an_object", result.Items[1].Rejection!.Code);
        Assert.Equal("ticket.reopened", result.Items[2].Event!.Type);
    }

    [Fact]
    public void the_tenantid_extension_names_the_tenant_in_messages() =>
        Assert.Equal(
            new EventRejection("invalid_tenant_id", "tenantid",
                "tenantid 'ACME' is invalid: use lowercase letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters"),
            EventValidator.Validate(Single(Cloud.Replace("\"acme\"", "\"ACME\"", StringComparison.Ordinal), EnvelopeFormat.CloudEvent), Acme).Rejection);

    [Fact]
    public void data_that_is_not_an_object_is_rejected_as_data() =>
        Assert.Equal(
            new EventRejection("properties_not_object", "data", "data must be a JSON object, found a string: put the values in an object such as {\"value\": ...}"),
            EventValidator.Validate(Single(Cloud.Replace("{\"ticket_id\": \"T-1042\", \"resolution\": \"solved\"}", "\"text\"", StringComparison.Ordinal), EnvelopeFormat.CloudEvent), Acme).Rejection);

    [Fact]
    public void absent_data_is_an_empty_object()
    {
        var e = Single(Cloud[..Cloud.IndexOf(", \"data\"", StringComparison.Ordinal)] + "}", EnvelopeFormat.CloudEvent);

        Assert.Equal("{}", e.PropertiesJson);
    }

    [Fact]
    public void data_base64_is_rejected() =>
        Assert.Equal(
            new EventRejection("unsupported_data", "data_base64", "data_base64 is not supported: send the event data as a JSON object in 'data'"),
            Rejection(CloudWith("data_base64", "\"e30=\""), EnvelopeFormat.CloudEvent));

    [Fact]
    public void a_non_json_datacontenttype_is_rejected() =>
        Assert.Equal(
            new EventRejection("unsupported_data", "datacontenttype",
                "datacontenttype 'text/plain' is not supported: event data must be JSON (application/json or a +json type)"),
            Rejection(Cloud.Replace("application/json", "text/plain", StringComparison.Ordinal), EnvelopeFormat.CloudEvent));

    [Fact]
    public void a_json_suffix_datacontenttype_is_accepted() =>
        Single(Cloud.Replace("application/json", "application/vnd.acme+json; charset=utf-8", StringComparison.Ordinal), EnvelopeFormat.CloudEvent);

    [Fact]
    public void another_specversion_is_rejected() =>
        Assert.Equal(
            new EventRejection("unsupported_specversion", "specversion", "specversion '0.3' is not supported: send CloudEvents 1.0 (\"specversion\": \"1.0\")"),
            Rejection(Cloud.Replace("\"1.0\"", "\"0.3\"", StringComparison.Ordinal), EnvelopeFormat.CloudEvent));

    [Theory]
    [InlineData("time")]
    [InlineData("tenantid")]
    [InlineData("source")]
    [InlineData("id")]
    public void a_missing_required_attribute_is_rejected(string field) =>
        Assert.Equal(new EventRejection("missing_field", field, $"required field '{field}' is missing"), Rejection(CloudWith(field, null), EnvelopeFormat.CloudEvent));

    [Theory]
    [InlineData("partitionkey", "\"customer-42\"")]
    [InlineData("sequence", "7")]
    [InlineData("sampled", "true")]
    [InlineData("tenant", "null")]
    public void an_extension_attribute_the_engine_does_not_use_is_accepted_and_not_stored(string name, string json) =>
        Assert.Equal(Single(Cloud, EnvelopeFormat.CloudEvent), Single(CloudWith(name, json), EnvelopeFormat.CloudEvent));

    [Fact]
    public void a_name_that_is_no_cloudevents_attribute_name_is_still_an_unknown_field() =>
        Assert.Equal("unknown_field", Rejection(CloudWith("tenant_id", "\"acme\""), EnvelopeFormat.CloudEvent).Code);

    [Fact]
    public void an_extension_attribute_that_is_an_object_is_rejected_as_no_cloudevents_attribute() =>
        Assert.Equal(
            new EventRejection("invalid_field", "partitionkey", "'partitionkey' must be a string, number or boolean (a CloudEvents extension attribute), found an object"),
            Rejection(CloudWith("partitionkey", """{"k": 1}"""), EnvelopeFormat.CloudEvent));

    [Fact]
    public void subject_dataschema_and_tracestate_are_accepted_and_not_stored()
    {
        var e = Single(Cloud[..^1] + ", \"subject\": \"T-1042\", \"dataschema\": \"https://x/schema\", \"tracestate\": \"a=b\"}", EnvelopeFormat.CloudEvent);

        Assert.Equal(Single(Cloud, EnvelopeFormat.CloudEvent), e);
    }

    [Fact]
    public void an_invalid_traceparent_extension_is_rejected() =>
        Assert.Equal(
            new EventRejection("invalid_trace", "traceparent",
                "traceparent '00-xyz-01' is not a W3C traceparent: use 00-<32 lowercase hex trace id>-<16 lowercase hex parent id>-<2 hex flags>, ids not all zero"),
            Rejection(Cloud.Replace(Field("traceparent"), "00-xyz-01", StringComparison.Ordinal), EnvelopeFormat.CloudEvent));

    [Fact]
    public void the_traceparent_header_fills_cloudevents_without_the_extension()
    {
        var e = Single(CloudWith("traceparent", null), EnvelopeFormat.CloudEvent, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        Assert.Equal(new TraceContext("0af7651916cd43dd8448eb211c80319c", null, "b7ad6b7169203331"), e.Trace);
    }

    [Fact]
    public void the_conflict_reason_names_the_cloudevents_id()
    {
        var e = EventValidator.Validate(Single(Cloud, EnvelopeFormat.CloudEvent), Acme).Event!;

        Assert.StartsWith("id 'ticket-T-1042-closed' was already used", EventResult.Conflict(e, EventFieldNames.CloudEvents).Reason, StringComparison.Ordinal);
    }
}
