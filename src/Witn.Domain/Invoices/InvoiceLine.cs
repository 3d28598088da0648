namespace Witn.Domain.Invoices;

/// <summary>
/// One line of a rated invoice. <see cref="Amount"/> is exact in the currency's minor unit. <see cref="Tier"/> is
/// 1-based (the first tier is 1). <see cref="FirstUnit"/> and <see cref="LastUnit"/> are set on tiered outcome lines
/// only: the 1-based positions, in period order, of the charges the line covers among the charges of its
/// <see cref="OutcomeUsage"/> (that outcome under that contract version), so the caller can list them.
/// </summary>
public sealed record InvoiceLine(
    InvoiceLineKind Kind,
    string Description,
    string? Outcome,
    string? Meter,
    string? Bucket,
    int? Tier,
    int? ContractVersion,
    decimal Quantity,
    decimal? UnitPrice,
    decimal Amount,
    long? FirstUnit,
    long? LastUnit);
