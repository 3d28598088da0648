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
        return [.. rows.Select(Item)];
    }

    public async Task<OutcomeBacklog> BacklogAsync(string tenantId, DateTimeOffset at, int limit)
    {
        var due = await store.CountDueAsync(tenantId, at);
        var keys = await store.ListDueAsync(tenantId, at, limit);
        // The reads of the oldest ride in one grouped SELECT; one ticked since the list was read is left out.
        var rows = await Task.WhenAll(keys.Select(k => store.ReadAsync(tenantId, k.Definition, k.Correlation)));
        return new OutcomeBacklog(due, [.. rows.OfType<OutcomeRecord>().Select(r => r.Summary).Where(s => s.NextDueAt <= at).Select(Item)]);
    }

    private static OutcomeListItem Item(OutcomeSummary r) => new(
        r.Definition, r.Correlation, r.DefinitionVersion, r.Status, r.FirstEventAt, r.QualifiedAt, r.SettlesAt, r.NextDueAt,
        r.ChargeId, r.CreditId, r.EventCount, r.UpdatedAt);
}
