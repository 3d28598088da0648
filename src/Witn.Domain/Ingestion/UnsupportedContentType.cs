namespace Witn.Domain.Ingestion;

/// <summary>The request-level failure for a body in a format we do not read (HTTP answers it with 415).</summary>
public static class UnsupportedContentType
{
    public static EnvelopeFailure For(string? contentType) => new(
        EnvelopeFailureCodes.UnsupportedContentType,
        "$",
        null,
        null,
        $"The content type '{contentType}' is not an event format this API reads",
        $"Send '{EnvelopeFormats.Json}' (one event or {{\"events\": [...]}}), '{EnvelopeFormats.CloudEvent}', '{EnvelopeFormats.CloudEventBatch}', or a CloudEvent in binary mode (its attributes as ce-* headers, {CloudEventBinding.SpecVersionHeader} among them).");
}
