namespace Witn.Grains.Invoices;

/// <summary>How many of a draft line's charges have an open dispute, and how much of them is disputed.</summary>
public sealed record InvoiceLineDisputes(int Open, decimal Amount);
