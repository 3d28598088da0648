using System.Collections.Concurrent;
using Witn.Domain.Evaluation;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Stored definition versions by (name, version), compiled, cached for the silo's life (a version never changes):
/// outcomes pinned to an older version than the catalog's, and evidence that quotes a version's source text.
/// </summary>
public sealed class DefinitionVersions(DefinitionStore store, IDefinitionCatalog catalog)
{
    private readonly ConcurrentDictionary<(string, int), (CompiledDefinition, DefinitionVersionRow)> _versions = new();

    public async ValueTask<(CompiledDefinition Definition, DefinitionVersionRow Row)> GetAsync(string name, int version)
    {
        if (_versions.TryGetValue((name, version), out var cached))
        {
            return cached;
        }

        var row = await store.FindVersionAsync(name, version)
            ?? throw new InvalidOperationException($"definition {name} version {version} is not stored");
        var entry = (catalog.Compile(row.ContentHash, row.CanonicalJson), row);
        _versions[(name, version)] = entry;
        return entry;
    }

    /// <summary>The compiled version without its row: the catalog's copy when it is the latest, else as stored.</summary>
    public async ValueTask<CompiledDefinition> CompiledAsync(string name, int version) =>
        catalog.Current.Find(name) is { } entry && entry.Version == version ? entry.Definition : (await GetAsync(name, version)).Definition;
}
