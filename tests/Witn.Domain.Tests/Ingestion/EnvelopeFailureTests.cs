using System.Text;
using Witn.Domain.Ingestion;
using static Witn.Domain.Tests.Ingestion.Envelopes;

namespace Witn.Domain.Tests.Ingestion;

public sealed class EnvelopeFailureTests
{
    [Fact]
    public void malformed_json_names_the_line_the_byte_and_the_event_field()
    {
        var failure = Failure("{\"events\": [\n" + Event + ",\n{\"tenant_id\": \"acme\", \"type\": x}\n]}");

        Assert.Equal("malformed_json", failure.Code);
        Assert.Equal("$.events[1].type", failure.Path);
        Assert.Equal(3, failure.Line);
        Assert.Equal(31, failure.Column);
        Assert.Equal(
            "The body is not valid JSON: 'x' is an invalid start of a value at line 3, byte 31 ($.events[1].type). " +
            "Fix the JSON at that position (often a missing quote, comma or bracket) and send the whole request again.",
            failure.Message);
    }

    [Fact]
    public void a_truncated_body_is_malformed_json()
    {
        var failure = Failure(Event[..40]);

        Assert.Equal("malformed_json", failure.Code);
        Assert.Equal("$.type", failure.Path);
        Assert.Equal(1, failure.Line);
    }

    [Fact]
    public void content_after_the_top_level_value_is_malformed_json() =>
        Assert.Equal(
            "The body is not valid JSON: '{' is invalid after a single JSON value. Expected end of data at line 1, byte " +
            (Event.Length + 2) + " ($). Fix the JSON at that position (often a missing quote, comma or bracket) and send the whole request again.",
            Failure(Event + " {}").Message);

    [Fact]
    public void a_batch_of_1001_events_fails_at_the_1001st()
    {
        var failure = Failure("{\"events\": [" + string.Join(",", Enumerable.Repeat(Event, 1001)) + "]}");

        Assert.Equal("too_many_events", failure.Code);
        Assert.Equal("The batch has more than 1,000 events at $.events[1000]. Split it into requests of at most 1,000 events.", failure.Message);
    }

    [Fact]
    public void a_cloudevents_batch_of_1001_events_fails_too() =>
        Assert.Equal("$[1000]", Failure("[" + string.Join(",", Enumerable.Repeat("{}", 1001)) + "]", EnvelopeFormat.CloudEventBatch).Path);

    [Fact]
    public void events_that_is_not_an_array_fails() =>
        Assert.Equal(
            "The body is not an accepted shape: 'events' must be an array, found an object at $.events. Send {\"events\": [{...}, {...}]}."
                .Replace("The body is not an accepted shape: ", string.Empty, StringComparison.Ordinal),
            Failure("""{"events": {"type": "a"}}""").Message);

    [Fact]
    public void a_field_next_to_events_fails()
    {
        var failure = Failure("""{"events": [], "tenant_id": "acme"}""");

        Assert.Equal("invalid_shape", failure.Code);
        Assert.Equal("A batch may only contain 'events', found 'tenant_id' next to it at $.tenant_id. Move 'tenant_id' into each event.", failure.Message);
    }

    [Fact]
    public void events_after_event_fields_fails() =>
        Assert.Equal(
            "A batch may only contain 'events', found event fields next to it at $.events. Send {\"events\": [...]} alone and put tenant_id, type and the other fields inside each event.",
            Failure("""{"tenant_id": "acme", "events": []}""").Message);

    [Fact]
    public void a_native_array_fails_with_a_pointer_to_the_batch_forms() =>
        Assert.Equal(
            "The body is a JSON array, but application/json takes one event object or {\"events\": [...]} at $. Wrap the array as {\"events\": [...]}, or send CloudEvents as application/cloudevents-batch+json.",
            Failure("[" + Event + "]").Message);

    [Fact]
    public void a_scalar_body_fails() =>
        Assert.Equal("The body is a string, not an event object at $. Send one event object or {\"events\": [...]}.", Failure("\"hello\"").Message);

    [Fact]
    public void a_cloudevents_batch_that_is_an_object_fails() =>
        Assert.Equal(
            "The body is an object, but application/cloudevents-batch+json takes a JSON array of CloudEvents at $. Wrap the events in [...], or send a single event as application/cloudevents+json.",
            Failure("{}", EnvelopeFormat.CloudEventBatch).Message);

    [Fact]
    public void a_structured_cloudevent_that_is_an_array_fails() =>
        Assert.Equal(
            "The body is a JSON array, but application/cloudevents+json takes one CloudEvent object at $. Send several events as application/cloudevents-batch+json.",
            Failure("[]", EnvelopeFormat.CloudEvent).Message);

    [Fact]
    public void an_empty_body_fails() =>
        Assert.Equal("The body is empty at $. Send one event object, {\"events\": [...]}, or CloudEvents.", Failure(" \n").Message);

    [Fact]
    public void a_body_over_1_mib_fails()
    {
        var body = new byte[EnvelopeLimits.MaxRequestBytes + 1];

        var failure = EnvelopeParser.Parse(body, EnvelopeFormat.Native).Failure!;

        Assert.Equal("request_too_large", failure.Code);
        Assert.Equal(
            "The body is 1,048,577 bytes, more than the 1,048,576 bytes (1 MiB) a request may carry at $. Split the events into several requests of at most 1,000 events and 1 MiB each.",
            failure.Message);
    }

    [Fact]
    public void a_body_that_is_not_utf8_fails_naming_the_offset()
    {
        var body = Encoding.UTF8.GetBytes("{\"type\": \"x\"}");
        body[10] = 0xFF;

        var failure = EnvelopeParser.Parse(body, EnvelopeFormat.Native).Failure!;

        Assert.Equal("invalid_utf8", failure.Code);
        Assert.Equal("The body is not valid UTF-8 (first bad byte at offset 10) at $. Encode the JSON body as UTF-8.", failure.Message);
    }

    [Fact]
    public void json_nested_deeper_than_64_levels_fails() =>
        Assert.Equal("malformed_json", Failure(With("properties", new string('[', 70) + new string(']', 70))).Code);

    [Fact]
    public void an_unpaired_surrogate_in_an_envelope_field_fails_the_request() =>
        Assert.Equal(
            "The body has a string with an unpaired UTF-16 surrogate escape such as \\ud800 at $.type. Escape characters beyond U+FFFF as a surrogate pair (\\ud83d\\ude00) or send them as UTF-8.",
            Failure(With("type", "\"a\\ud800\"")).Message);
}
