using System.Text;
using System.Text.Json;

namespace Witn.Domain.Ingestion;

/// <summary>
/// Canonical JSON, the form event properties are stored, hashed and compared in (docs/events.md):
/// object members sorted by key in ordinal UTF-16 order (as RFC 8785), no insignificant whitespace, strings
/// with only the escapes JSON requires (<c>\"</c> <c>\\</c> <c>\b \f \n \r \t</c>, other control
/// characters as <c>\u00xx</c>; everything else literal UTF-8), numbers as their shortest exact decimal
/// (<c>1.0</c> and <c>1</c> are the same number and have the same text). Duplicate keys are refused:
/// a billing system cannot guess which one was meant.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = EnvelopeLimits.MaxJsonDepth };

    /// <summary>The canonical text of a JSON document; <see cref="FormatException"/> when it is not one.</summary>
    public static string Canonicalize(string json) => Canonicalize(Encoding.UTF8.GetBytes(json));

    /// <summary>The canonical text of a UTF-8 JSON document; <see cref="FormatException"/> when it is not one.</summary>
    public static string Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        using var writer = new CanonicalJsonWriter();
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            reader.Read();
            writer.WriteValue(ref reader);
            reader.Read(); // throws on trailing content
        }
        catch (JsonException e)
        {
            throw new FormatException("not JSON: " + e.Message, e);
        }

        if (writer.Error is { } error)
        {
            var at = writer.ErrorPath.Length == 0 ? "the value" : writer.ErrorPath;
            throw new FormatException($"{at} {error}");
        }

        return Encoding.UTF8.GetString(writer.Written);
    }
}
