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
