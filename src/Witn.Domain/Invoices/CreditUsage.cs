namespace Witn.Domain.Invoices;

/// <summary>
/// The <see cref="Count"/> credits landing in a period for <see cref="Outcome"/>; <see cref="Amount"/> is their
/// positive total in the contract's currency (the invoice line is its negative).
/// </summary>
public sealed record CreditUsage(string Outcome, long Count, decimal Amount);
