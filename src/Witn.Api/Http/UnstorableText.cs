using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Witn.Api.Http;

/// <summary>
/// The one check for text a request body cannot hold, used by <see cref="JsonBody"/> and <see cref="DocumentBody"/>:
/// PostgreSQL refuses NUL (U+0000) in text and jsonb, so a body holding one is refused before anything is stored —
/// raw (0x00, reported by line and column) or escaped in a JSON string or field name (<c>\u0000</c>, reported by JSON
/// path). An unpaired surrogate escape in JSON (<c>\ud800</c> alone) is no character at all (it has no UTF-8 form)
/// and is refused the same way, by JSON path. (Raw bytes are checked as UTF-8 by the readers; YAML refuses such escapes.)
/// </summary>
public static class UnstorableText
{
    private const string Hint = "remove the NUL character (U+0000); PostgreSQL cannot store it in text";

    private const string SurrogateHint = "remove the escape, or pair a high surrogate (\\uD800-\\uDBFF) with a low one (\\uDC00-\\uDFFF)";

    private static readonly JsonReaderOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 };

    /// <summary>The error for the first NUL in a UTF-8 body (for JSON also the escaped ones), or null when there is none.</summary>
    public static InputError? Find(ReadOnlySpan<byte> utf8, bool json)
    {
        // A byte-order mark is not JSON: the reader below would stop at it and miss what follows.
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var raw = utf8.IndexOf((byte)0);
        if (raw >= 0)
        {
            var (line, column) = Position(utf8, raw);
            return new InputError("$", $"line {line}, column {column} holds a NUL character (U+0000)", Hint);
        }

        // Cheap filter first: an escaped NUL is spelled \u0000 (JSON has no other spelling of it), a surrogate \uD…
        return json && (utf8.IndexOf("\\u0000"u8) >= 0 || utf8.IndexOf("\\ud"u8) >= 0 || utf8.IndexOf("\\uD"u8) >= 0) ? Escaped(utf8) : null;
    }

    private static InputError? Escaped(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, Lenient);
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (Decode(ref reader) is not { } name)
                        {
                            return Surrogate(Path(frames));
                        }

                        frames[^1].Name = name;
                        if (name.Contains('\0', StringComparison.Ordinal))
                        {
                            return Error(Path(frames));
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.String:
                        Advance(frames);
                        if (!reader.ValueIsEscaped)
                        {
                            break;
                        }

                        if (Decode(ref reader) is not { } text)
                        {
                            return Surrogate(Path(frames));
                        }

                        if (text.Contains('\0', StringComparison.Ordinal))
                        {
                            return Error(Path(frames));
                        }

                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed JSON: the body's parser reports it, with its own position.
        }

        return null;
    }

    // Null when the string is an unpaired surrogate escape: System.Text.Json cannot decode it.
    private static string? Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static InputError Surrogate(string path) =>
        new(path, $"{path} holds an unpaired surrogate escape (\\uD800-\\uDFFF), which is no character", SurrogateHint);

    private static InputError Error(string path) => new(path, $"{path} holds a NUL character (U+0000)", Hint);

    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    private static string Path(List<Frame> frames)
    {
        var path = new StringBuilder("$");
        foreach (var frame in frames)
        {
            path.Append(frame.IsArray ? $"[{frame.Index.ToString(CultureInfo.InvariantCulture)}]" : Segment(frame.Name ?? ""));
        }

        return path.ToString();
    }

    private static string Segment(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? "." + name
            : "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("\0", "\\u0000", StringComparison.Ordinal) + "']";

    // 1-based line and column (in characters: UTF-8 continuation bytes do not count) of a byte offset.
    private static (int Line, int Column) Position(ReadOnlySpan<byte> utf8, int offset)
    {
        var before = utf8[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        var column = 1;
        foreach (var b in before[lineStart..])
        {
            column += (b & 0xC0) == 0x80 ? 0 : 1;
        }

        return (line, column);
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Name { get; set; }
    }
}
