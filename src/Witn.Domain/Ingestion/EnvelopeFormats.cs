namespace Witn.Domain.Ingestion;

/// <summary>Maps a request's <c>Content-Type</c> to an <see cref="EnvelopeFormat"/>.</summary>
public static class EnvelopeFormats
{
    public const string Json = "application/json";
    public const string CloudEvent = "application/cloudevents+json";
    public const string CloudEventBatch = "application/cloudevents-batch+json";

    /// <summary>
    /// The format for a content type (parameters such as <c>charset=utf-8</c> are ignored, case does not matter);
    /// no content type means native JSON; null for anything else (the API answers 415).
    /// </summary>
    public static EnvelopeFormat? FromContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return EnvelopeFormat.Native;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        if (media.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            return EnvelopeFormat.Native;
        }

        if (media.Equals(CloudEvent, StringComparison.OrdinalIgnoreCase))
        {
            return EnvelopeFormat.CloudEvent;
        }

        return media.Equals(CloudEventBatch, StringComparison.OrdinalIgnoreCase) ? EnvelopeFormat.CloudEventBatch : null;
    }
}
