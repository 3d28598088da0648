using System.Collections.Concurrent;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>
/// The silo's catalog. Changes arrive from several places (the notification listener, the periodic reload,
/// a definition grain on this silo); each entry keeps the highest revision seen, so their order does not matter.
/// </summary>
public sealed class DefinitionCatalog(DefinitionStore store) : IDefinitionCatalog
{
    private readonly Lock _write = new();
    private readonly ConcurrentDictionary<string, CompiledDefinition> _compiled = new(StringComparer.Ordinal);
    private volatile CatalogSnapshot _current = CatalogSnapshot.Empty;

    public CatalogSnapshot Current => _current;

    public CompiledDefinition Compile(string contentHash, string canonicalJson) =>
        _compiled.GetOrAdd(contentHash, static (hash, json) =>
        {
            var parsed = OutcomeDefinition.ParseStored(json);
            return parsed.IsValid
                ? CompiledDefinition.Compile(parsed.Definition)
                : throw new InvalidDataException($"stored definition {hash} no longer parses: {string.Join("; ", parsed.Errors)}");
        }, canonicalJson);

    public void Apply(StoredDefinition stored)
    {
        var entry = ToEntry(stored);
        lock (_write)
        {
            if (_current.Find(entry.Name) is { } held && held.Revision >= entry.Revision)
            {
                return;
            }

            _current = new CatalogSnapshot([.. _current.ByName.Values.Where(e => e.Name != entry.Name), entry]);
        }
    }

    public async Task RefreshAsync(string name, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(name, cancellationToken) is { } stored)
        {
            Apply(stored);
        }
    }

    public async Task RefreshAllAsync(CancellationToken cancellationToken = default)
    {
        var entries = (await store.ListAsync(cancellationToken)).Select(ToEntry).ToList();
        lock (_write)
        {
            // A change applied while the list was read may be newer than what the list holds: keep it. Definitions
            // are never deleted, so one this silo holds but the list lacks was published meanwhile: keep it too.
            var read = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
            var merged = entries.Select(e => _current.Find(e.Name) is { } held && held.Revision > e.Revision ? held : e)
                .Concat(_current.ByName.Values.Where(held => !read.ContainsKey(held.Name)));
            _current = new CatalogSnapshot(merged);
        }
    }

    private CatalogEntry ToEntry(StoredDefinition stored)
    {
        var (d, v) = (stored.Definition, stored.Latest);
        return new CatalogEntry(d.Name, d.Status, v.Version, d.Revision, v.ContentHash, v.PublishedAt, Compile(v.ContentHash, v.CanonicalJson), d.ActiveFrom);
    }
}
