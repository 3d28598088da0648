namespace Witn.Storage.Invoices;

/// <summary>Everything the ledger holds for one tenant's period, as running totals.</summary>
public sealed record PeriodUsage(IReadOnlyList<OutcomeRollup> Outcomes, IReadOnlyList<CreditRollup> Credits);
