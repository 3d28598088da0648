namespace Witn.Abstractions.Invoices;

/// <summary>A page of the rows behind one invoice line, or why there is none.</summary>
[GenerateSerializer, Immutable, Alias("witn.invoices.line-items")]
public sealed record LineItems(
    [property: Id(0)] InvoiceResult Result,
    [property: Id(1)] LineItemInfo[] Items,
    [property: Id(2)] string? Message,
    [property: Id(3)] string? Hint);
