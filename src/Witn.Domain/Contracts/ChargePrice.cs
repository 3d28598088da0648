namespace Witn.Domain.Contracts;

/// <summary>
/// The ledger's pricing of one charge. For <see cref="ChargePriceKind.Flat"/>, <see cref="UnitPrice"/> is the price
/// as written and <see cref="Amount"/> that price rounded half away from zero to the currency's minor unit;
/// otherwise both are null. <see cref="Bucket"/> names the <c>by</c> override used (null: the plain unit price).
/// </summary>
public sealed record ChargePrice(ChargePriceKind Kind, decimal? UnitPrice, decimal? Amount, string? Bucket = null)
{
    public static ChargePrice Unpriced { get; } = new(ChargePriceKind.Unpriced, null, null);

    public static ChargePrice RatedOnInvoice { get; } = new(ChargePriceKind.RatedOnInvoice, null, null);

    public static ChargePrice Flat(decimal unitPrice, decimal amount, string? bucket = null) => new(ChargePriceKind.Flat, unitPrice, amount, bucket);
}
