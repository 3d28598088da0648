using Witn.Storage.Invoices;

namespace Witn.Grains.Invoices;

/// <summary>What a line says about the rows behind it: how many, and their ids when there are few enough to inline.</summary>
public sealed record InvoiceLineRefs(string Kind, long Count, IReadOnlyList<LineItem>? Items);
