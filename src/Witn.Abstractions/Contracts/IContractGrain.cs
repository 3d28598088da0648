using Witn.Abstractions.Shadow;

namespace Witn.Abstractions.Contracts;

/// <summary>
/// The contracts of one tenant (key: the tenant id): immutable versions 1, 2, … in PostgreSQL, which also numbers
/// them safely across silos. Reads go to the database.
/// </summary>
[Alias("witn.contracts.contract-grain")]
public interface IContractGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates the contract and stores it as the next version. A <c>tenant</c> field must name this tenant; a
    /// price for an outcome no definition has is a warning. Refused (nothing stored) for an unknown tenant or errors.
    /// Without <c>effective_from</c>, the version takes effect when it is stored.
    /// </summary>
    [Alias("put")]
    Task<ContractPutReply> PutAsync(ContractSource source);

    /// <summary>
    /// Validates the contract as <see cref="PutAsync"/> does and stores it as the tenant's next shadow version: never
    /// used for live pricing or invoices, compared with live by the shadow grain, made live by a promotion.
    /// </summary>
    [Alias("put-shadow")]
    Task<ContractPutReply> PutShadowAsync(ContractSource source);

    /// <summary>The current shadow version (the one put last, unless promoted since), or null when there is none.</summary>
    [Alias("get-shadow")]
    Task<ContractVersionInfo?> GetShadowAsync();

    /// <summary>
    /// The period starting on local date <paramref name="periodStart"/> (null: the tenant's current period), live
    /// against shadow, computed now from the ledger and the outcome table.
    /// </summary>
    [Alias("compare-shadow")]
    Task<ShadowComparisonReply> CompareShadowAsync(DateOnly? periodStart);

    /// <summary>
    /// Makes the current shadow version the next live version, in force from the period start
    /// <see cref="PromotionRequest.At"/> (not before the current period), in one transaction; refused when the
    /// current period's deviation is beyond the request's threshold unless forced.
    /// </summary>
    [Alias("promote")]
    Task<PromotionReply> PromoteAsync(PromotionRequest request);

    /// <summary>The latest version (the one put last), or null when the tenant has none.</summary>
    [Alias("get-current")]
    Task<ContractVersionInfo?> GetCurrentAsync();

    /// <summary>Every version, oldest first.</summary>
    [Alias("get-versions")]
    Task<ContractVersionInfo[]> GetVersionsAsync();

    /// <summary>A page of the versions, oldest first: at most <paramref name="limit"/> after version <paramref name="after"/>.</summary>
    [Alias("list-versions")]
    Task<ContractVersionInfo[]> ListVersionsAsync(int limit, int? after);

    /// <summary>One version, or null when it does not exist.</summary>
    [Alias("get-version")]
    Task<ContractVersionInfo?> GetVersionAsync(int version);

    /// <summary>The version in force at <paramref name="at"/>: the highest whose effective_from is at or before it; null when none.</summary>
    [Alias("get-in-force")]
    Task<ContractVersionInfo?> GetInForceAsync(DateTimeOffset at);
}
