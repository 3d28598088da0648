using Witn.Storage.Invoices;

namespace Witn.Grains.Invoices;

/// <summary>
/// What a line says about the rows behind it: how many, their ids when there are few enough to inline, and on a
/// draft the open disputes among them (null: none, or a final invoice, whose document never changes).
/// </summary>
public sealed record InvoiceLineRefs(string Kind, long Count, IReadOnlyList<LineItem>? Items, InvoiceLineDisputes? Disputes);
