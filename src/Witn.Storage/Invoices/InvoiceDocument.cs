namespace Witn.Storage.Invoices;

/// <summary>A rendered invoice for <see cref="InvoiceStore.FinalizeAsync"/> to freeze: its JSON and what is indexed of it.</summary>
public sealed record InvoiceDocument(string Json, string Currency, long TotalMinor);
