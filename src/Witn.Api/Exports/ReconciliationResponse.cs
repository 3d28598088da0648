using Witn.Abstractions.Exports;

namespace Witn.Api.Exports;

/// <summary>A reconciliation run: what it compares, its status, and counts per finding kind once done.</summary>
public sealed record ReconciliationResponse(
    Guid Id, string Provider, string? Period, IReadOnlyList<string>? Tenants, string Trigger, string Status, string? Error,
    IReadOnlyDictionary<string, long> Counts, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string FindingsHref)
{
    public static ReconciliationResponse From(ReconciliationInfo r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Provider, r.PeriodStart?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Tenants, r.Trigger, r.Status, r.Error,
            r.Counts, r.CreatedAt, r.FinishedAt, $"/v1/reconciliations/{r.Id}/findings");
    }
}
