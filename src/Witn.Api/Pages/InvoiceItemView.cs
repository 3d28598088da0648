namespace Witn.Api.Pages;

/// <summary>One outcome behind an invoice line: the charge whose evidence it links to, its correlation and summary.</summary>
public sealed record InvoiceItemView(Guid ChargeId, string Correlation, string Summary);
