namespace Witn.Api.Portal;

/// <summary>One period in the portal's invoice list.</summary>
public sealed record PortalInvoiceRow(DateOnly PeriodStart, string? Number, string Status, decimal Total, string Currency);
