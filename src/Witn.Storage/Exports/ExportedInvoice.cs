namespace Witn.Storage.Exports;

/// <summary>A finalized invoice with its export to one provider: what reconciliation compares.</summary>
public sealed record ExportedInvoice(Guid ExportId, string Status, string? ProviderId, Witn.Storage.Invoices.FinalInvoiceRow Invoice);
