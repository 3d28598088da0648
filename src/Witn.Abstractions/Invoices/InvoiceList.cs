namespace Witn.Abstractions.Invoices;

/// <summary>The tenant's billing periods, newest first, or why they cannot be listed.</summary>
[GenerateSerializer, Immutable, Alias("witn.invoices.list")]
public sealed record InvoiceList(
    [property: Id(0)] InvoiceResult Result,
    [property: Id(1)] InvoiceSummary[] Invoices,
    [property: Id(2)] string? Message,
    [property: Id(3)] string? Hint);
