using Witn.Domain.Evaluation;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>
/// This silo's in-memory copy of the outcome definitions, kept current by PostgreSQL notifications (a change
/// reaches every silo within a second) and a periodic full reload. Routing reads <see cref="Current"/>.
/// </summary>
public interface IDefinitionCatalog
{
    CatalogSnapshot Current { get; }

    /// <summary>A stored version compiled once per content hash (compiling parses the canonical JSON).</summary>
    CompiledDefinition Compile(string contentHash, string canonicalJson);

    /// <summary>Takes a definition as stored; ignored when this silo already holds the same or a newer revision.</summary>
    void Apply(StoredDefinition stored);

    /// <summary>Reloads one definition from the database.</summary>
    Task RefreshAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Reloads every definition from the database.</summary>
    Task RefreshAllAsync(CancellationToken cancellationToken = default);
}
