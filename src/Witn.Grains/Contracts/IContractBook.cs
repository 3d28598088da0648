using Witn.Domain.Contracts;

namespace Witn.Grains.Contracts;

/// <summary>
/// This silo's parsed contracts, for grains that price charges: a version is parsed once and kept (versions are
/// immutable, so a cached version is never stale). Which version is in force is always asked of the database.
/// </summary>
public interface IContractBook
{
    /// <summary>One version of the tenant's contract; null when it does not exist.</summary>
    Task<BookedContract?> GetAsync(string tenantId, int version, CancellationToken cancellationToken = default);

    /// <summary>The version in force at <paramref name="at"/> (the highest whose effective_from is at or before it); null when none.</summary>
    Task<BookedContract?> GetInForceAsync(string tenantId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's billing period (every version has the same one), or calendar months in UTC while it has no
    /// contract: which invoice a ledger row lands on.
    /// </summary>
    Task<BillingPeriod> GetBillingAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's billing period, or null while it has no contract.</summary>
    Task<BillingPeriod?> FindBillingAsync(string tenantId, CancellationToken cancellationToken = default);
}
