using Witn.Domain.Contracts;
using Witn.Domain.Invoices;

namespace Witn.Grains.Replay;

/// <summary>
/// Which invoice a ledger row made at a moment lands on, as the ledger writer decides it (InvoicePeriodAssigner):
/// the period containing its time, or the next one while that period's invoice was already final then. One
/// partition's own (not thread-safe).
/// </summary>
public sealed class ReplayPeriods(BillingPeriod billing, IEnumerable<(DateTimeOffset PeriodStart, DateTimeOffset FinalizedAt)> finalized)
{
    private readonly Dictionary<DateTimeOffset, DateTimeOffset> _finalized = finalized.ToDictionary(f => f.PeriodStart.ToUniversalTime(), f => f.FinalizedAt);

    // The last period found: most rows of a replay land on a handful of periods, and finding one reads the zone.
    private PeriodRange? _last;

    public BillingPeriod Billing => billing;

    public PeriodRange Place(DateTimeOffset at, DateTimeOffset real)
    {
        var period = _last is { } last && last.Start <= at && at < last.End ? last : _last = BillingPeriods.Containing(billing, at);
        while (_finalized.TryGetValue(period.Start.ToUniversalTime(), out var finalizedAt) && finalizedAt <= real)
        {
            period = BillingPeriods.Next(billing, period);
        }

        return period;
    }
}
