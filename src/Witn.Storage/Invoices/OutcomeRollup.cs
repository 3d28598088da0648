namespace Witn.Storage.Invoices;

/// <summary>Running totals of one invoice line key: a period's charges of one outcome, contract version and price bucket.</summary>
public sealed record OutcomeRollup(string Outcome, int? ContractVersion, string? Bucket, decimal? UnitPrice, long Quantity, decimal ValueSum);
