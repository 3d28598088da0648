using System.Text.Json;
using Witn.Domain.Events;
using Witn.Domain.Ingestion;
using static Witn.Domain.Tests.Ingestion.Envelopes;

namespace Witn.Domain.Tests.Ingestion;

public sealed class EnvelopeParserTests
{
    [Fact]
    public void the_example_event_is_read_with_every_field()
    {
        var e = Single(Event);

        Assert.Equal(EnvelopeFormat.Native, e.Format);
        Assert.Equal("acme", e.TenantId);
        Assert.Equal("ticket.closed", e.Type);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), e.Timestamp);
        Assert.Equal("ticket-T-1042-closed", e.IdempotencyKey);
        Assert.Equal(new AgentRef("support-bot", "3.1.0"), e.Agent);
        Assert.Equal(new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "00f067aa0ba902b8"), e.Trace);
        Assert.Equal("""{"resolution":"solved","ticket_id":"T-1042"}""", e.PropertiesJson);
        Assert.Equal(JsonValueKind.Object, e.PropertiesKind);
        Assert.Equal(1, e.PropertiesDepth);
        Assert.Equal(e.PropertiesJson.Length, e.PropertiesBytes);
    }

    [Fact]
    public void a_batch_gives_one_item_per_event_in_request_order_and_a_bad_event_does_not_fail_the_others()
    {
        var result = Parse($$"""{"events": [{{With("type", "\"a\"")}}, 42, {{With("type", null)}}, {{With("type", "\"b\"")}}]}""");

        Assert.True(result.IsValid);
        Assert.Equal([0, 1, 2, 3], result.Items.Select(i => i.Index));
        Assert.Equal("a", result.Items[0].Event!.Type);
        Assert.Equal(new EventRejection("not_an_object", "", "an event must be a JSON object, found a number"), result.Items[1].Rejection);
        Assert.Equal(new EventRejection("missing_field", "type", "required field 'type' is missing"), result.Items[2].Rejection);
        Assert.Equal("b", result.Items[3].Event!.Type);
    }

    [Fact]
    public void an_empty_batch_is_read_as_no_events() =>
        Assert.Empty(Parse("""{"events": []}""").Items);

    [Fact]
    public void a_batch_of_exactly_1000_events_is_read()
    {
        var body = "{\"events\": [" + string.Join(",", Enumerable.Repeat(Event, 1000)) + "]}";

        Assert.Equal(1000, Parse(body).Items.Count);
    }

    [Fact]
    public void timestamps_become_utc_truncated_to_microseconds()
    {
        var e = Single(With("timestamp", "\"2026-11-24T11:00:00.1234569+01:00\""));

        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), e.Timestamp);
    }

    [Fact]
    public void absent_properties_are_an_empty_object()
    {
        var e = Single(With("properties", null));

        Assert.Equal("{}", e.PropertiesJson);
        Assert.Equal(JsonValueKind.Object, e.PropertiesKind);
    }

    [Fact]
    public void null_optional_fields_count_as_absent()
    {
        var e = Single("""{"tenant_id": "acme", "type": "a", "timestamp": "2026-11-24T10:00:00Z", "idempotency_key": null, "agent": null, "trace": null}""");

        Assert.Null(e.IdempotencyKey);
        Assert.Null(e.Agent);
        Assert.Null(e.Trace);
    }

    [Fact]
    public void properties_that_are_not_an_object_are_read_and_left_to_validation()
    {
        var e = Single(With("properties", "[1, 2]"));

        Assert.Equal(JsonValueKind.Array, e.PropertiesKind);
        Assert.Equal("[1,2]", e.PropertiesJson);
    }

    [Fact]
    public void trace_ids_in_upper_case_are_stored_in_lower_case()
    {
        var e = Single("""{"tenant_id": "acme", "type": "a", "timestamp": "2026-11-24T10:00:00Z", "trace": {"trace_id": "4BF92F3577B34DA6A3CE929D0E0E4736"}}""");

        Assert.Equal(new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736"), e.Trace);
    }

    [Fact]
    public void the_traceparent_header_fills_the_trace_only_of_events_without_one()
    {
        const string header = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var withTrace = Event;
        var without = With("type", "\"x\"");

        var result = Parse($$"""{"events": [{{withTrace}}, {{without}}]}""", traceparent: header);

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", result.Items[0].Event!.Trace!.TraceId);
        Assert.Equal(new TraceContext("0af7651916cd43dd8448eb211c80319c", null, "b7ad6b7169203331"), result.Items[1].Event!.Trace);
    }

    [Fact]
    public void an_invalid_traceparent_header_is_ignored()
    {
        var e = Single(With("type", "\"x\""), traceparent: "00-00000000000000000000000000000000-b7ad6b7169203331-01");

        Assert.Null(e.Trace);
    }

    [Fact]
    public async Task a_stream_is_read_like_bytes()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Event));

        var result = await EnvelopeParser.ParseAsync(stream, EnvelopeFormat.Native, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Parse(Event), result);
    }

    [Theory]
    [InlineData("application/json", EnvelopeFormat.Native)]
    [InlineData("application/json; charset=utf-8", EnvelopeFormat.Native)]
    [InlineData(null, EnvelopeFormat.Native)]
    [InlineData("application/cloudevents+json", EnvelopeFormat.CloudEvent)]
    [InlineData("Application/CloudEvents-Batch+JSON", EnvelopeFormat.CloudEventBatch)]
    [InlineData("text/plain", null)]
    public void content_types_choose_the_format(string? contentType, EnvelopeFormat? format) =>
        Assert.Equal(format, EnvelopeFormats.FromContentType(contentType));
}
