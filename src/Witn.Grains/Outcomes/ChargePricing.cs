using Witn.Domain.Contracts;

namespace Witn.Grains.Outcomes;

/// <summary>
/// What the tenant's contract says about one charge: the version in force and, for flat prices, the amount and the
/// <c>by</c> bucket; <see cref="Billing"/> places it on an invoice.
/// </summary>
public sealed record ChargePricing(int? ContractVersion, string? Currency, decimal? UnitPrice, decimal? Amount, string? Bucket, BillingPeriod Billing);
