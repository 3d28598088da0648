using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Witn.Grains.Outcomes;

/// <summary>
/// An immutable view of every definition this silo knows, with an index from event type to the routed
/// (active and shadow) definitions that listen to it. Replaced as a whole on each change: readers never lock.
/// </summary>
public sealed class CatalogSnapshot
{
    private readonly FrozenDictionary<string, ImmutableArray<CatalogEntry>> _byType;

    public CatalogSnapshot(IEnumerable<CatalogEntry> entries)
    {
        ByName = entries.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);
        _byType = ByName.Values
            .Where(e => e.IsRouted)
            .SelectMany(e => e.Definition.ListenedTypes.Select(t => (Type: t, Entry: e)))
            .GroupBy(x => x.Type, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Entry).OrderBy(e => e.Name, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
    }

    public static CatalogSnapshot Empty { get; } = new([]);

    /// <summary>Every definition (any status) by name, with its latest version.</summary>
    public FrozenDictionary<string, CatalogEntry> ByName { get; }

    public CatalogEntry? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The active and shadow definitions that listen to <paramref name="eventType"/>, by name.</summary>
    public ImmutableArray<CatalogEntry> ListeningTo(string eventType) =>
        _byType.TryGetValue(eventType, out var entries) ? entries : [];
}
