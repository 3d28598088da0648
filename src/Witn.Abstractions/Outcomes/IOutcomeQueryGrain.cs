namespace Witn.Abstractions.Outcomes;

/// <summary>Lists a tenant's outcomes from their stored state (a stateless worker on each silo; key unused, use 0).</summary>
[Alias("witn.outcomes.query")]
public interface IOutcomeQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Outcomes in (definition, correlation) order after <paramref name="afterDefinition"/>/<paramref name="afterCorrelation"/>.</summary>
    [Alias("list")]
    Task<OutcomeListItem[]> ListAsync(
        string tenantId, string? status, string? definition, string? correlation, int limit, string? afterDefinition, string? afterCorrelation);
}
