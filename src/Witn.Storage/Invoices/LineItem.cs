namespace Witn.Storage.Invoices;

/// <summary>One ledger row behind an invoice line: a charge (or credit) with what a reader needs to recognise it.</summary>
public sealed record LineItem(Guid Id, Guid? ChargeId, string Outcome, string Correlation, DateTimeOffset At, string? Summary);
