using Orleans.Concurrency;
using Witn.Abstractions.Outcomes;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>Lists outcomes from their stored state for the API, on whichever silo asks.</summary>
[StatelessWorker, Reentrant]
public sealed class OutcomeQueryGrain(OutcomeStore store) : Grain, IOutcomeQueryGrain
{
    public async Task<OutcomeListItem[]> ListAsync(
        string tenantId, string? status, string? definition, string? correlation, int limit, string? afterDefinition, string? afterCorrelation)
    {
        var after = afterDefinition is null ? ((string, string)?)null : (afterDefinition, afterCorrelation ?? "");
        var rows = await store.ListAsync(tenantId, status, definition, correlation, limit, after);
        return [.. rows.Select(r => new OutcomeListItem(
            r.Definition, r.Correlation, r.DefinitionVersion, r.Status, r.FirstEventAt, r.QualifiedAt, r.SettlesAt, r.NextDueAt,
            r.ChargeId, r.CreditId, r.EventCount, r.UpdatedAt))];
    }
}
