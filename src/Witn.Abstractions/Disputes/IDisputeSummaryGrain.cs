using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>The dispute summary analytics read (a stateless worker on each silo; key unused, use 0).</summary>
[Alias("witn.disputes.summary")]
public interface IDisputeSummaryGrain : IGrainWithIntegerKey
{
    /// <summary>The tenant's disputes opened and charges settled in [from, to) (either end open when null), in groups.</summary>
    [Alias("summarize")]
    Task<DisputeSummaryGroup[]> SummarizeAsync(string tenantId, DateTimeOffset? from, DateTimeOffset? to, DisputeSummaryGrouping by);
}
