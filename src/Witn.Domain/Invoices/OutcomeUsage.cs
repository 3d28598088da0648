using Witn.Domain.Contracts;

namespace Witn.Domain.Invoices;

/// <summary>
/// The settled charges of one outcome in a period under one contract version and, for flat prices, one bucket.
/// <see cref="Price"/> is that version's price for the outcome (null: the charges were committed unpriced). For flat
/// prices <see cref="UnitPrice"/> is the unit price the charges were committed with and <see cref="Bucket"/> the
/// override they matched (e.g. <c>lead.segment=enterprise</c>; null: the default <c>unit_price</c>); both are null
/// for tiered and percent prices. <see cref="ValueSum"/> is the sum of the charges' values (for <c>percent_of</c>).
/// </summary>
public sealed record OutcomeUsage(
    string Outcome,
    int? ContractVersion,
    OutcomePrice? Price,
    string? Bucket,
    decimal? UnitPrice,
    long Quantity,
    decimal ValueSum);
