namespace Witn.Storage.Invoices;

/// <summary>Running totals of the credits of one outcome landing in a period; the amount in the currency's minor units.</summary>
public sealed record CreditRollup(string Outcome, long Quantity, long AmountMinor);
