using System.Buffers;
using System.Text.Json;

namespace Witn.Domain.Ingestion;

/// <summary>
/// The CloudEvents HTTP binding's binary content mode: the attributes are <c>ce-*</c> headers, the data is the body
/// and <c>Content-Type</c> is its <c>datacontenttype</c>. <see cref="ToStructured"/> writes such an event in the
/// structured form, so that one reader (<see cref="EnvelopeParser"/>, <see cref="EnvelopeFormat.CloudEvent"/>)
/// applies the same rules, names and identity to the three modes.
/// </summary>
public static class CloudEventBinding
{
    public const string HeaderPrefix = "ce-";

    /// <summary>The header whose presence makes a request a binary-mode event (every CloudEvent has a specversion).</summary>
    public const string SpecVersionHeader = "ce-specversion";

    /// <summary>
    /// True for a binary-mode event: a <c>ce-specversion</c> header and a content type other than the structured
    /// and batch ones (which carry the attributes in the body and win, as the binding says).
    /// </summary>
    public static bool IsBinary(string? contentType, bool hasSpecVersionHeader) =>
        hasSpecVersionHeader && EnvelopeFormats.FromContentType(contentType) is not (EnvelopeFormat.CloudEvent or EnvelopeFormat.CloudEventBatch);

    /// <summary>A CloudEvents attribute name: lowercase ASCII letters and digits (CloudEvents 1.0, "Attribute Naming Convention").</summary>
    public static bool IsAttributeName(string name) =>
        name.Length > 0 && !name.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>
    /// The structured form (<c>application/cloudevents+json</c>) of a binary-mode event. <paramref name="headers"/>
    /// are the request's headers, one value each (others than <c>ce-*</c> are passed over; names in any case, values
    /// percent-decoded as the binding encodes them).
    /// A body that is declared JSON (or not declared) must be JSON; data of another type is left out, and the event is
    /// then rejected for its <c>datacontenttype</c>, as in structured mode.
    /// </summary>
    public static (byte[]? Structured, EnvelopeFailure? Failure) ToStructured(
        IEnumerable<KeyValuePair<string, string?>> headers, string? contentType, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var data = body.Trim(" \t\r\n"u8);
        var jsonData = data.Length > 0 && (string.IsNullOrWhiteSpace(contentType) || IsJsonMediaType(contentType));
        if (jsonData && CheckData(body) is { } failure)
        {
            return (null, failure);
        }

        var buffer = new ArrayBufferWriter<byte>(body.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in headers)
            {
                if (name.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > HeaderPrefix.Length)
                {
                    writer.WriteString(name[HeaderPrefix.Length..].ToLowerInvariant(), Uri.UnescapeDataString(value ?? ""));
                }
            }

            if (!string.IsNullOrWhiteSpace(contentType))
            {
                writer.WriteString("datacontenttype", contentType);
            }

            if (jsonData)
            {
                writer.WritePropertyName("data");
                writer.WriteRawValue(data, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }

    /// <summary>The media types whose data is JSON: <c>application/json</c>, <c>text/json</c>, <c>*/*+json</c>.</summary>
    public static bool IsJsonMediaType(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    // The body alone, so that a syntax error is reported at its line and byte in what was sent. One level less
    // than the envelope's depth: the data sits inside the event object.
    private static EnvelopeFailure? CheckData(ReadOnlySpan<byte> body)
    {
        if (EnvelopeParser.InvalidUtf8(body) is { } notUtf8)
        {
            return notUtf8;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = EnvelopeLimits.MaxJsonDepth - 1 });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException e)
        {
            return EnvelopeReader.Malformed(e, "$");
        }
    }
}
