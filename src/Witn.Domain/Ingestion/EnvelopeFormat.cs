namespace Witn.Domain.Ingestion;

/// <summary>How a request body is laid out; chosen from the request's content type (<see cref="EnvelopeFormats"/>).</summary>
public enum EnvelopeFormat
{
    /// <summary>The native envelope: one event object, or <c>{"events": [...]}</c> (<c>application/json</c>).</summary>
    Native,

    /// <summary>One CloudEvents 1.0 event in structured mode (<c>application/cloudevents+json</c>).</summary>
    CloudEvent,

    /// <summary>A JSON array of CloudEvents 1.0 events (<c>application/cloudevents-batch+json</c>).</summary>
    CloudEventBatch,
}
