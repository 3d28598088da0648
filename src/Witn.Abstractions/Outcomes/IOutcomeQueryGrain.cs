namespace Witn.Abstractions.Outcomes;

/// <summary>Lists a tenant's outcomes from their stored state (a stateless worker on each silo; key unused, use 0).</summary>
[Alias("witn.outcomes.query")]
public interface IOutcomeQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Outcomes in (definition, correlation) order after <paramref name="afterDefinition"/>/<paramref name="afterCorrelation"/>.</summary>
    [Alias("list")]
    Task<OutcomeListItem[]> ListAsync(
        string tenantId, string? status, string? definition, string? correlation, int limit, string? afterDefinition, string? afterCorrelation);

    /// <summary>
    /// The tenant's settlement backlog at <paramref name="at"/> (its clock): the count of outcomes due by then and not
    /// yet ticked (what the due sweep and the backlog metric count), and the <paramref name="limit"/> due longest.
    /// </summary>
    [Alias("backlog")]
    Task<OutcomeBacklog> BacklogAsync(string tenantId, DateTimeOffset at, int limit);
}
