namespace Witn.Storage.Invoices;

/// <summary>
/// An open dispute (open or under review) on a charge of a period: which line the charge falls on (outcome, contract
/// version, price bucket) and how much of it is disputed, in minor units.
/// </summary>
public sealed record OpenDisputeRow(Guid ChargeId, string Outcome, int ContractVersion, string PriceBucket, long AmountMinor);
