namespace Witn.Storage.Invoices;

/// <summary>A period some ledger row landed on (or that was finalized): <see cref="Status"/> is <c>open</c> or <c>final</c>.</summary>
public sealed record InvoicePeriodRow(string TenantId, DateTimeOffset Start, DateTimeOffset End, string Status);
