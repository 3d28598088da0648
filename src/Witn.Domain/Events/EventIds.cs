using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Witn.Domain.Events;

/// <summary>
/// Deterministic event ids: <c>UUIDv5(tenant namespace, idempotency key)</c> (RFC 9562, SHA-1, name as UTF-8),
/// where the tenant namespace is <c>UUIDv5(<see cref="Root"/>, tenant id)</c>. A retried send gets the same id,
/// so duplicates collapse everywhere (log, routing, fold) without a lookup; two tenants never share an id.
/// </summary>
public static class EventIds
{
    /// <summary>The fixed root namespace of Witn.Actors event ids (never change it: every stored id depends on it).</summary>
    public static readonly Guid Root = new("8f3c2a4e-5b71-4d0e-9c6a-1e7b2d9f0a35");

    /// <summary>The id of the event a tenant sends with this idempotency key.</summary>
    public static Guid FromIdempotencyKey(string tenantId, string idempotencyKey) =>
        V5(TenantNamespace(tenantId), idempotencyKey);

    /// <summary>The namespace under which a tenant's idempotency keys become ids.</summary>
    public static Guid TenantNamespace(string tenantId) => V5(Root, tenantId);

    /// <summary>A name-based UUID version 5 in <paramref name="namespaceId"/>, as in RFC 9562 section 5.5.</summary>
    public static Guid V5(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what UUIDv5 is defined with; it names, it does not protect.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50); // version 5
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(uuid, bigEndian: true);
    }

    /// <summary>The version nibble of a UUID (5 for ids made here).</summary>
    public static int VersionOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]) >> 12;
    }
}
