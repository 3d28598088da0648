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

    /// <summary>The tenant's charge for one outcome, if it has one.</summary>
    [Alias("find-charge")]
    Task<ChargeInfo?> FindChargeAsync(string outcome, string correlation);
}
