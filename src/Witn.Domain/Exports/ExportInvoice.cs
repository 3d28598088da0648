namespace Witn.Domain.Exports;

/// <summary>A finalized invoice as an exporter hands it on.</summary>
public sealed record ExportInvoice(Guid Id, string TenantId, string Number, DateOnly PeriodStart, string Currency, long TotalMinor, IReadOnlyList<ExportLine> Lines);
