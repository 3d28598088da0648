namespace Witn.Domain.Settlement;

/// <summary>
/// One charge the ledger holds for an outcome: its id, its place in the outcome's charges (1, 2, …; unique per
/// outcome in the ledger, so a retried commit of the same place finds the first), its terms, and the credit that
/// took it back, if any.
/// </summary>
public sealed record HeldCharge(Guid Id, int Sequence, ChargeTerms Terms, Guid? CreditId)
{
    public bool Credited => CreditId is not null;
}
