namespace Witn.Abstractions.Exports;

/// <summary>Reconciliation runs for the API: asked for here, run in the background by a silo (stateless: the tables are the state).</summary>
[Alias("witn.exports.reconciliation-grain")]
public interface IReconciliationGrain : IGrainWithIntegerKey
{
    [Alias("create")]
    Task<ReconciliationInfo> CreateAsync(string provider, DateOnly? periodStart, string[]? tenants);

    [Alias("get")]
    Task<ReconciliationInfo?> GetAsync(Guid id);

    /// <summary>A page of findings after <paramref name="afterSeq"/>, optionally of one kind and only of <paramref name="tenant"/>.</summary>
    [Alias("findings")]
    Task<ReconciliationFindingInfo[]> FindingsAsync(Guid id, string? kind, string? tenant, int afterSeq, int limit);
}
