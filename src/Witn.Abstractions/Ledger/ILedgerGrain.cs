namespace Witn.Abstractions.Ledger;

/// <summary>
/// A tenant's door to the ledger (key: tenant id). Commits are exactly-once by the database's unique keys, so a
/// repeat returns the original row; concurrent commits from many outcomes ride in one transaction.
/// </summary>
[Alias("witn.ledger.ledger")]
public interface ILedgerGrain : IGrainWithStringKey
{
    [Alias("commit-charge")]
    Task<LedgerReceipt> CommitChargeAsync(ChargeCommit charge);

    /// <summary>Credits a charge; a null amount credits the charge's whole stored amount.</summary>
    [Alias("credit")]
    Task<LedgerReceipt> CreditAsync(CreditCommit credit);

    /// <summary>Every charge of one outcome of the tenant, in sequence order, with whether each has been credited.</summary>
    [Alias("find-charges")]
    Task<OutcomeChargeInfo[]> FindChargesAsync(string outcome, string correlation);
}
