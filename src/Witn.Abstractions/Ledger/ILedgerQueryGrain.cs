namespace Witn.Abstractions.Ledger;

/// <summary>Reads the ledger for the API (a stateless worker on each silo; key unused, use 0).</summary>
[Alias("witn.ledger.query")]
public interface ILedgerQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The tenant's charges whose qualified_at is in [from, to), oldest first.</summary>
    [Alias("charges")]
    Task<ChargeInfo[]> ListChargesAsync(string tenantId, DateTimeOffset? from, DateTimeOffset? to);

    [Alias("credits")]
    Task<CreditInfo[]> ListCreditsAsync(string tenantId);

    [Alias("charge")]
    Task<ChargeInfo?> GetChargeAsync(Guid id);
}
