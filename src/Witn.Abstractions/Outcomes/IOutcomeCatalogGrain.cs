namespace Witn.Abstractions.Outcomes;

/// <summary>Lists the definitions. Stateless: any silo serves it straight from the database.</summary>
[Alias("witn.outcomes.catalog")]
public interface IOutcomeCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>A page of definitions by name: at most <paramref name="limit"/> whose name sorts after <paramref name="after"/>.</summary>
    [Alias("list")]
    Task<DefinitionInfo[]> ListAsync(int limit, string? after);
}
