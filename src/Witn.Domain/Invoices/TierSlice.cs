namespace Witn.Domain.Invoices;

/// <summary>
/// The part of a quantity one tier prices: <see cref="Quantity"/> units after the first <see cref="Before"/> at
/// <see cref="UnitPrice"/>, for <see cref="Amount"/> (rounded to the currency). <see cref="Tier"/> is 1-based.
/// </summary>
public sealed record TierSlice(int Tier, decimal Before, decimal Quantity, decimal UnitPrice, decimal Amount);
