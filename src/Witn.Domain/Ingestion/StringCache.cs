using System.Text;

namespace Witn.Domain.Ingestion;

/// <summary>
/// Remembers the last few strings read for one field (tenant id, type, agent), so that a batch whose events
/// repeat them allocates each once. Compares the raw UTF-8 bytes of unescaped JSON strings.
/// </summary>
internal sealed class StringCache
{
    private const int Size = 4;
    private readonly byte[]?[] _bytes = new byte[Size][];
    private readonly string?[] _strings = new string[Size];
    private int _next;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < Size; i++)
        {
            if (_bytes[i] is { } bytes && utf8.SequenceEqual(bytes))
            {
                return _strings[i]!;
            }
        }

        var value = Encoding.UTF8.GetString(utf8);
        if (utf8.Length <= 256)
        {
            _bytes[_next] = utf8.ToArray();
            _strings[_next] = value;
            _next = (_next + 1) % Size;
        }

        return value;
    }
}
