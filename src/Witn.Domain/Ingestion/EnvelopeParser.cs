using System.Buffers;
using System.Text.Unicode;

namespace Witn.Domain.Ingestion;

/// <summary>
/// Reads the body of <c>POST /v1/events</c> (native envelope or CloudEvents 1.0, structured or batch) in one
/// pass with a <see cref="System.Text.Json.Utf8JsonReader"/>: no document, no re-serialization; event
/// properties are written straight to their canonical form. See docs/events.md.
/// </summary>
public static class EnvelopeParser
{
    /// <summary>
    /// Parses a request body. <paramref name="traceparentHeader"/> is the request's W3C <c>traceparent</c>
    /// header, if any: it fills the trace of the events that carry none (an invalid header is ignored).
    /// </summary>
    public static EnvelopeParseResult Parse(ReadOnlySpan<byte> body, EnvelopeFormat format, string? traceparentHeader = null)
    {
        if (body.Length > EnvelopeLimits.MaxRequestBytes)
        {
            return EnvelopeParseResult.Failed(RequestTooLarge.For(body.Length));
        }

        if (InvalidUtf8(body) is { } notUtf8)
        {
            return EnvelopeParseResult.Failed(notUtf8);
        }

        if (body.TrimStart(" \t\r\n"u8).IsEmpty)
        {
            return EnvelopeParseResult.Failed(new EnvelopeFailure(
                EnvelopeFailureCodes.EmptyBody, "$", null, null,
                "The body is empty",
                "Send one event object, {\"events\": [...]}, or CloudEvents."));
        }

        var header = TraceParent.Parse(traceparentHeader) is { } parent ? new TraceContext(parent.TraceId, null, parent.ParentId) : null;
        using var reader = new EnvelopeReader(format, header);
        return reader.Read(body);
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, EnvelopeFormat, string?)"/>
    public static EnvelopeParseResult Parse(ReadOnlyMemory<byte> body, EnvelopeFormat format, string? traceparentHeader = null) =>
        Parse(body.Span, format, traceparentHeader);

    /// <summary>Reads the stream to its end (at most 1 MiB + 1 byte, into a pooled buffer), then parses it.</summary>
    public static async ValueTask<EnvelopeParseResult> ParseAsync(
        Stream body, EnvelopeFormat format, string? traceparentHeader = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > EnvelopeLimits.MaxRequestBytes)
                    {
                        break; // enough to say it is too large
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return Parse(buffer.AsSpan(0, length), format, traceparentHeader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The failure for a body that is not UTF-8 (naming the first bad byte), or null.</summary>
    internal static EnvelopeFailure? InvalidUtf8(ReadOnlySpan<byte> body) =>
        Utf8.IsValid(body)
            ? null
            : new EnvelopeFailure(
                EnvelopeFailureCodes.InvalidUtf8, "$", null, null,
                $"The body is not valid UTF-8 (first bad byte at offset {FirstInvalidUtf8(body):N0})",
                "Encode the JSON body as UTF-8.");

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (offset < body.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
