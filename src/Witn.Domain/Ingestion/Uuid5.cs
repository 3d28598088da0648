using System.Buffers;
using System.Security.Cryptography;

namespace Witn.Domain.Ingestion;

/// <summary>
/// RFC 9562 §5.5 name-based UUIDs over UTF-8 bytes, without allocating for short names. Gives the same
/// ids as <see cref="Witn.Domain.Events.EventIds.V5"/> (tests hold them equal); it exists because the
/// natural key is built as bytes and can be 64 KiB long.
/// </summary>
internal static class Uuid5
{
    public static Guid Create(Guid namespaceId, ReadOnlySpan<byte> name)
    {
        var length = 16 + name.Length;
        byte[]? rented = null;
        var input = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input[16..]);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what UUIDv5 is defined with; it names, it does not protect.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50); // version 5
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(uuid, bigEndian: true);
    }

    public static Guid Create(Guid namespaceId, ReadOnlySpan<char> name)
    {
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(name.Length);
        byte[]? rented = null;
        var bytes = max <= 1024 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var n = System.Text.Encoding.UTF8.GetBytes(name, bytes);
        var id = Create(namespaceId, bytes[..n]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return id;
    }
}
