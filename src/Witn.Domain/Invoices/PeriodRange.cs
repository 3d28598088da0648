namespace Witn.Domain.Invoices;

/// <summary>One billing period as UTC instants: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
public sealed record PeriodRange(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>
    /// True when a contract whose first version takes effect at <paramref name="firstEffectiveFrom"/> is in force
    /// during the period, at least from some instant before its end. Only such periods are invoiced: a period
    /// before the contract has no invoice (not a draft, not a final one, and no number).
    /// </summary>
    public bool HasContractFrom(DateTimeOffset firstEffectiveFrom) => firstEffectiveFrom < End;
}
