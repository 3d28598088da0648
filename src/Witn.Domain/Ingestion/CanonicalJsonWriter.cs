using System.Buffers;
using System.Text.Json;

namespace Witn.Domain.Ingestion;

/// <summary>
/// Writes one JSON value, read from a <see cref="Utf8JsonReader"/>, in canonical form into a pooled buffer:
/// object members sorted by ordinal (UTF-16) key, no whitespace, strings with the minimal escapes, numbers
/// as their shortest exact decimal (<see cref="CanonicalNumber"/>). One pass over the reader, no document:
/// members are written in arrival order and moved only when an object's keys arrive unsorted.
/// Problems (a duplicate key, an unpaired surrogate escape, a NUL character, a number PostgreSQL cannot store)
/// are recorded, not thrown, and the value is still consumed, so the caller can reject one event and read on.
/// Reused across the events of one request; not thread-safe.
/// </summary>
internal sealed class CanonicalJsonWriter : IDisposable
{
    /// <summary>PostgreSQL text and jsonb cannot hold U+0000, so no stored string may contain it.</summary>
    public const string NulCharacter = "has a NUL character (\\u0000), which cannot be stored: remove it";

    private const string SendValidJson = ": send valid, unambiguous JSON";

    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    private readonly List<List<Member>> _levels = [];
    private readonly string?[] _names = new string?[EnvelopeLimits.MaxJsonDepth + 2];
    private readonly int[] _indices = new int[EnvelopeLimits.MaxJsonDepth + 2];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private byte[] _scratch = ArrayPool<byte>.Shared.Rent(1024);
    private int _length;

    /// <summary>The deepest container level seen (the root object is 1; a scalar root is 0).</summary>
    public int MaxDepth { get; private set; }

    /// <summary>The first problem, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Where the first problem is, relative to the root value (<c>a.b[2]</c>; empty for the root).</summary>
    public string ErrorPath { get; private set; } = string.Empty;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public void Reset()
    {
        _length = 0;
        MaxDepth = 0;
        Error = null;
        ErrorPath = string.Empty;
    }

    /// <summary>Writes the value whose first token the reader is on; leaves the reader on its last token.</summary>
    public void WriteValue(ref Utf8JsonReader reader) => WriteValue(ref reader, 0);

    /// <summary>Appends a string value, canonically escaped, from its unescaped UTF-8 bytes.</summary>
    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        Append((byte)'"');
        while (true)
        {
            var i = utf8.IndexOfAny(NeedsEscape);
            if (i < 0)
            {
                Append(utf8);
                break;
            }

            Append(utf8[..i]);
            AppendEscape(utf8[i]);
            utf8 = utf8[(i + 1)..];
        }

        Append((byte)'"');
    }

    /// <summary>Appends a string value, canonically escaped, from UTF-16 text.</summary>
    public void WriteString(ReadOnlySpan<char> text)
    {
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_scratch.Length < max)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = ArrayPool<byte>.Shared.Rent(max);
        }

        var n = System.Text.Encoding.UTF8.GetBytes(text, _scratch);
        WriteString(_scratch.AsSpan(0, n));
    }

    /// <summary>Appends UTF-16 text as UTF-8, as is (the caller knows it needs no escaping).</summary>
    public void AppendText(ReadOnlySpan<char> text)
    {
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_length + max > _buffer.Length)
        {
            Grow(max);
        }

        _length += System.Text.Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    /// <summary>Appends a copy of bytes already written (at <paramref name="start"/>).</summary>
    public void AppendCopy(int start, int length)
    {
        if (_length + length > _buffer.Length)
        {
            Grow(length);
        }

        _buffer.AsSpan(start, length).CopyTo(_buffer.AsSpan(_length));
        _length += length;
    }

    public void Append(byte b)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_scratch);
        _buffer = [];
        _scratch = [];
    }

    private void WriteValue(ref Utf8JsonReader reader, int depth)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, depth + 1);
                break;
            case JsonTokenType.StartArray:
                WriteArray(ref reader, depth + 1);
                break;
            case JsonTokenType.String:
                WriteStringToken(ref reader, depth);
                break;
            case JsonTokenType.Number:
                if (!CanonicalNumber.TryWrite(reader.ValueSpan, this))
                {
                    Fail(depth, CanonicalNumber.OutOfRange);
                }

                break;
            case JsonTokenType.True:
                Append("true"u8);
                break;
            case JsonTokenType.False:
                Append("false"u8);
                break;
            default:
                Append("null"u8);
                break;
        }
    }

    private void WriteStringToken(ref Utf8JsonReader reader, int depth)
    {
        if (!reader.ValueIsEscaped)
        {
            // Raw JSON string bytes cannot hold '"', '\' or control characters, so they are already canonical.
            Append((byte)'"');
            Append(reader.ValueSpan);
            Append((byte)'"');
            return;
        }

        var unescaped = Unescape(ref reader, depth);
        WriteString(unescaped);
    }

    private ReadOnlySpan<byte> Unescape(ref Utf8JsonReader reader, int depth)
    {
        if (_scratch.Length < reader.ValueSpan.Length)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        }

        try
        {
            var text = _scratch.AsSpan(0, reader.CopyString(_scratch));
            if (text.Contains((byte)0))
            {
                Fail(depth, NulCharacter);
            }

            return text;
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate (\ud800): no UTF-8 text can hold it.
            Fail(depth, "has a string with an unpaired UTF-16 surrogate escape" + SendValidJson);
            return [];
        }
    }

    private void WriteObject(ref Utf8JsonReader reader, int depth)
    {
        MaxDepth = Math.Max(MaxDepth, depth);
        var members = Level(depth);
        var start = _length;
        Append((byte)'{');
        var sorted = true;
        string? previous = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = KeyOf(ref reader, depth);
            var memberStart = _length;
            if (reader.ValueIsEscaped)
            {
                WriteString(Unescape(ref reader, depth));
            }
            else
            {
                Append((byte)'"');
                Append(reader.ValueSpan);
                Append((byte)'"');
            }

            Append((byte)':');
            _names[depth] = name;
            reader.Read();
            WriteValue(ref reader, depth);
            members.Add(new Member(name, memberStart, _length));
            sorted &= previous is null || string.CompareOrdinal(previous, name) < 0;
            previous = name;
            Append((byte)',');
        }

        _names[depth] = null;
        if (members.Count > 0)
        {
            _length--; // the last comma
        }

        if (!sorted)
        {
            Reorder(members, start + 1, depth);
        }

        Append((byte)'}');
        members.Clear();
    }

    private string KeyOf(ref Utf8JsonReader reader, int depth)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            Fail(depth, "has a key with an unpaired UTF-16 surrogate escape" + SendValidJson);
            return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    private void Reorder(List<Member> members, int contentStart, int depth)
    {
        members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < members.Count; i++)
        {
            if (string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
            {
                _names[depth] = null;
                Fail(depth, $"has the key '{members[i].Name}' twice{SendValidJson}");
                break;
            }
        }

        var content = _length - contentStart;
        var copy = ArrayPool<byte>.Shared.Rent(content);
        _buffer.AsSpan(contentStart, content).CopyTo(copy);
        _length = contentStart;
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                Append((byte)',');
            }

            var m = members[i];
            Append(copy.AsSpan(m.Start - contentStart, m.End - m.Start));
        }

        ArrayPool<byte>.Shared.Return(copy);
    }

    private void WriteArray(ref Utf8JsonReader reader, int depth)
    {
        MaxDepth = Math.Max(MaxDepth, depth);
        Append((byte)'[');
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index > 0)
            {
                Append((byte)',');
            }

            _indices[depth] = index++;
            WriteValue(ref reader, depth);
        }

        _indices[depth] = -1;
        Append((byte)']');
    }

    private List<Member> Level(int depth)
    {
        while (_levels.Count <= depth)
        {
            _levels.Add([]);
        }

        _indices[depth] = -1;
        return _levels[depth];
    }

    private void Fail(int depth, string problem)
    {
        if (Error is not null)
        {
            return;
        }

        Error = problem;
        var path = new System.Text.StringBuilder();
        for (var d = 1; d <= depth; d++)
        {
            if (_names[d] is { } name)
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(name);
            }
            else if (_indices[d] >= 0)
            {
                path.Append('[').Append(_indices[d]).Append(']');
            }
        }

        ErrorPath = path.ToString();
    }

    private void AppendEscape(byte b)
    {
        switch (b)
        {
            case (byte)'"': Append("\\\""u8); break;
            case (byte)'\\': Append("\\\\"u8); break;
            case (byte)'\b': Append("\\b"u8); break;
            case (byte)'\f': Append("\\f"u8); break;
            case (byte)'\n': Append("\\n"u8); break;
            case (byte)'\r': Append("\\r"u8); break;
            case (byte)'\t': Append("\\t"u8); break;
            default:
                Append("\\u00"u8);
                Append((byte)"0123456789abcdef"[b >> 4]);
                Append((byte)"0123456789abcdef"[b & 0xF]);
                break;
        }
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private readonly record struct Member(string Name, int Start, int End);
}
