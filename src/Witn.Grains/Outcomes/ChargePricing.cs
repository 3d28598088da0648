using Witn.Domain.Contracts;
using Witn.Domain.Settlement;

namespace Witn.Grains.Outcomes;

/// <summary>
/// What the tenant's contract says about one charge: the version in force and, for flat prices, the amount and the
/// <c>by</c> bucket; <see cref="Billing"/> places it on an invoice.
/// </summary>
public sealed record ChargePricing(int? ContractVersion, string? Currency, decimal? UnitPrice, decimal? Amount, string? Bucket, BillingPeriod Billing)
{
    /// <summary>The terms a charge at this price records, for an outcome of <paramref name="value"/> (the ledger keeps no empty bucket).</summary>
    public ChargeTerms Terms(decimal? value) => new(ContractVersion, Currency, UnitPrice, Amount, string.IsNullOrEmpty(Bucket) ? null : Bucket, value);
}
