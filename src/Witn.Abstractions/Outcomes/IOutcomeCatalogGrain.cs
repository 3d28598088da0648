namespace Witn.Abstractions.Outcomes;

/// <summary>Lists the definitions. Stateless: any silo serves it straight from the database.</summary>
[Alias("witn.outcomes.catalog")]
public interface IOutcomeCatalogGrain : IGrainWithIntegerKey
{
    [Alias("list")]
    Task<DefinitionInfo[]> ListAsync();
}
