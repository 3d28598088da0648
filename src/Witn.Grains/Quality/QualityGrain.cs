using Orleans.Concurrency;
using Witn.Abstractions.Quality;
using Witn.Storage.Ledger;
using Witn.Storage.Quality;

namespace Witn.Grains.Quality;

/// <summary>Quality reads for the API (and alerts), served on whichever silo asks: one round trip over the counters, no state.</summary>
[StatelessWorker, Reentrant]
public sealed class QualityGrain(QualityStore store) : Grain, IQualityGrain
{
    public async Task<QualityGroup[]> QueryAsync(QualityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = await store.QueryAsync(new QualityQuery(
            request.TenantId, Day(request.From), Day(request.To), request.By, request.Interval,
            request.Definition, request.AgentId, request.AgentVersions));
        return [.. rows.Select(r => new QualityGroup(
            r.Definition, r.AgentId, r.AgentVersion,
            r.Period is { } p ? new DateTimeOffset(p.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            r.Counts,
            [.. r.Completion.Select(c => c.Bucket)],
            [.. r.Completion.Select(c => c.Outcomes)],
            [.. r.Credited.Select(a => new QualityCreditedAmount(a.Currency, Money.FromMinorUnits(a.Minor, a.Currency)))]))];
    }

    private static DateOnly? Day(DateTimeOffset? at) => at is { } a ? DateOnly.FromDateTime(a.UtcDateTime) : null;
}
