namespace Witn.Abstractions.Invoices;

/// <summary>One billing period in the tenant's invoice list; amounts are strings in the currency's decimals.</summary>
[GenerateSerializer, Immutable, Alias("witn.invoices.summary")]
public sealed record InvoiceSummary(
    [property: Id(0)] DateOnly PeriodStart,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] DateTimeOffset End,
    [property: Id(3)] string Status,
    [property: Id(4)] string? Number,
    [property: Id(5)] string Currency,
    [property: Id(6)] string Total);
