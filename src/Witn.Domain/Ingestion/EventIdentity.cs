using System.Collections.Concurrent;
using System.Security.Cryptography;
using Witn.Domain.Common;
using Witn.Domain.Events;

namespace Witn.Domain.Ingestion;

/// <summary>
/// Who an event is (its id) and what it says (its content hash), both deterministic.
/// <list type="bullet">
/// <item>With an idempotency key: <see cref="EventIds.FromIdempotencyKey"/>, i.e.
/// UUIDv5(UUIDv5(<see cref="EventIds.Root"/>, tenant), key).</item>
/// <item>Without one, from the natural key: UUIDv5(UUIDv5(<see cref="NaturalKeyRoot"/>, tenant),
/// type + "\n" + timestamp + "\n" + canonical properties). A separate root keeps the two kinds of ids
/// apart whatever the key says.</item>
/// <item>Content hash: SHA-256 of the canonical JSON of {agent, properties, timestamp, type}
/// (<see cref="ContentJson"/>). The trace and the key are left out: a retry under a new trace is a
/// duplicate, and the key is already the id.</item>
/// </list>
/// The properties passed in must already be canonical (<see cref="CanonicalJson"/>, <see cref="ParsedEvent.PropertiesJson"/>).
/// </summary>
public static class EventIdentity
{
    /// <summary>
    /// The root of natural-key ids: UUIDv5(<see cref="EventIds.Root"/>, "witn:natural-key"). Tenant ids never
    /// contain ':', so it is no tenant's key namespace.
    /// </summary>
    public static readonly Guid NaturalKeyRoot = EventIds.V5(EventIds.Root, "witn:natural-key");

    // Tenant namespaces cost a SHA-1 each; tenants are few, so remember them (bounded, in case of churn).
    private const int MaxCachedTenants = 10_000;
    private static readonly ConcurrentDictionary<string, Guid> KeyNamespaces = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Guid> NaturalNamespaces = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static CanonicalJsonWriter? t_writer;

    /// <summary>The id of an event sent with an idempotency key (equal to <see cref="EventIds.FromIdempotencyKey"/>).</summary>
    public static Guid FromIdempotencyKey(string tenantId, string idempotencyKey) =>
        Uuid5.Create(Namespace(KeyNamespaces, EventIds.Root, tenantId), idempotencyKey);

    /// <summary>The id of an event sent without an idempotency key.</summary>
    public static Guid FromNaturalKey(string tenantId, string type, DateTimeOffset timestamp, string canonicalPropertiesJson)
    {
        var writer = Writer();
        WriteNaturalName(writer, type, timestamp, canonicalPropertiesJson);
        return Uuid5.Create(Namespace(NaturalNamespaces, NaturalKeyRoot, tenantId), writer.Written);
    }

    /// <summary>
    /// The canonical content document that is hashed, e.g.
    /// <c>{"agent":{"id":"support-bot","version":"3.1.0"},"properties":{…},"timestamp":"2026-11-24T10:00:00.000000Z","type":"ticket.closed"}</c>
    /// (<c>agent</c> left out when there is none, <c>version</c> when it has none).
    /// </summary>
    public static string ContentJson(string type, DateTimeOffset timestamp, AgentRef? agent, string canonicalPropertiesJson)
    {
        var writer = Writer();
        WriteContent(writer, type, timestamp, agent, canonicalPropertiesJson);
        return System.Text.Encoding.UTF8.GetString(writer.Written);
    }

    /// <summary>SHA-256 of <see cref="ContentJson"/> as UTF-8.</summary>
    public static ValueArray<byte> ContentHash(string type, DateTimeOffset timestamp, AgentRef? agent, string canonicalPropertiesJson)
    {
        var writer = Writer();
        WriteContent(writer, type, timestamp, agent, canonicalPropertiesJson);
        return new ValueArray<byte>(SHA256.HashData(writer.Written), true);
    }

    /// <summary>The id and content hash of a parsed event, writing its properties once for both.</summary>
    internal static (Guid Id, ValueArray<byte> Hash) Identify(ParsedEvent e)
    {
        var writer = Writer();
        var (propertiesStart, propertiesEnd) = WriteContent(writer, e.Type, e.Timestamp, e.Agent, e.PropertiesJson);
        var hash = new ValueArray<byte>(SHA256.HashData(writer.Written), true);
        if (e.IdempotencyKey is { } key)
        {
            return (FromIdempotencyKey(e.TenantId, key), hash);
        }

        var nameStart = writer.Length;
        WriteNaturalPrefix(writer, e.Type, e.Timestamp);
        writer.AppendCopy(propertiesStart, propertiesEnd - propertiesStart);
        var id = Uuid5.Create(Namespace(NaturalNamespaces, NaturalKeyRoot, e.TenantId), writer.Written[nameStart..]);
        return (id, hash);
    }

    private static CanonicalJsonWriter Writer()
    {
        var writer = t_writer ??= new CanonicalJsonWriter();
        writer.Reset();
        return writer;
    }

    /// <summary>Writes the content document; returns where the properties are in it.</summary>
    private static (int Start, int End) WriteContent(CanonicalJsonWriter w, string type, DateTimeOffset timestamp, AgentRef? agent, string properties)
    {
        w.Append((byte)'{');
        if (agent is not null)
        {
            w.Append("\"agent\":{\"id\":"u8);
            w.WriteString(agent.Id.AsSpan());
            if (agent.Version is { } version)
            {
                w.Append(",\"version\":"u8);
                w.WriteString(version.AsSpan());
            }

            w.Append("},"u8);
        }

        w.Append("\"properties\":"u8);
        var start = w.Length;
        w.AppendText(properties);
        var end = w.Length;
        w.Append(",\"timestamp\":\""u8);
        Span<byte> text = stackalloc byte[32];
        w.Append(text[..EventTimestamps.Write(timestamp, text)]);
        w.Append("\",\"type\":"u8);
        w.WriteString(type.AsSpan());
        w.Append((byte)'}');
        return (start, end);
    }

    private static void WriteNaturalName(CanonicalJsonWriter w, string type, DateTimeOffset timestamp, string properties)
    {
        WriteNaturalPrefix(w, type, timestamp);
        w.AppendText(properties);
    }

    // Newlines separate the parts: a valid type and the fixed-width timestamp never contain one.
    private static void WriteNaturalPrefix(CanonicalJsonWriter w, string type, DateTimeOffset timestamp)
    {
        w.AppendText(type);
        w.Append((byte)'\n');
        Span<byte> text = stackalloc byte[32];
        w.Append(text[..EventTimestamps.Write(timestamp, text)]);
        w.Append((byte)'\n');
    }

    private static Guid Namespace(ConcurrentDictionary<string, Guid> cache, Guid root, string tenantId)
    {
        if (cache.TryGetValue(tenantId, out var ns))
        {
            return ns;
        }

        ns = EventIds.V5(root, tenantId);
        if (cache.Count >= MaxCachedTenants)
        {
            cache.Clear();
        }

        cache[tenantId] = ns;
        return ns;
    }
}
