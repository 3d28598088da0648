namespace Witn.Abstractions.Ledger;

/// <summary>Reads the ledger for the API (a stateless worker on each silo; key unused, use 0).</summary>
[Alias("witn.ledger.query")]
public interface ILedgerQueryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Up to <paramref name="limit"/> of the tenant's charges whose qualified_at is in [from, to), oldest first,
    /// after the charge <paramref name="after"/> (null: from the first); null when <paramref name="after"/> is no charge of the tenant.
    /// </summary>
    [Alias("charges-page")]
    Task<ChargeInfo[]?> ListChargesAsync(string tenantId, DateTimeOffset? from, DateTimeOffset? to, int limit, Guid? after);

    /// <summary>Up to <paramref name="limit"/> of the tenant's credits, oldest first, after the credit <paramref name="after"/>; null when that is no credit of the tenant.</summary>
    [Alias("credits-page")]
    Task<CreditInfo[]?> ListCreditsAsync(string tenantId, int limit, Guid? after);

    [Alias("charge")]
    Task<ChargeInfo?> GetChargeAsync(Guid id);
}
