namespace Witn.Domain.Ingestion;

/// <summary>The stable codes of <see cref="EnvelopeFailure"/> (request-level, HTTP 400).</summary>
public static class EnvelopeFailureCodes
{
    public const string EmptyBody = "empty_body";
    public const string RequestTooLarge = "request_too_large";
    public const string InvalidUtf8 = "invalid_utf8";
    public const string MalformedJson = "malformed_json";
    public const string InvalidShape = "invalid_shape";
    public const string TooManyEvents = "too_many_events";
    public const string UnsupportedContentType = "unsupported_content_type";
}
