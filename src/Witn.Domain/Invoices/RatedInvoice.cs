using Witn.Domain.Common;

namespace Witn.Domain.Invoices;

/// <summary>
/// A period's invoice: <see cref="Subtotal"/> sums the base fee, outcome, unpriced and meter lines,
/// <see cref="Adjustments"/> the cap, minimum-commitment and credit lines; <see cref="Total"/> is both, which is
/// the sum of all <see cref="Lines"/>.
/// </summary>
public sealed record RatedInvoice(string Currency, ValueArray<InvoiceLine> Lines, decimal Subtotal, decimal Adjustments, decimal Total);
