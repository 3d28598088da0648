using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>Reads stored disputes for the API and pages (a stateless worker on each silo; key unused, use 0).</summary>
[Alias("witn.disputes.query")]
public interface IDisputeQueryGrain : IGrainWithIntegerKey
{
    /// <summary>One dispute, with overdue on its tenant's clock; null when there is none (the caller checks the tenant).</summary>
    [Alias("get")]
    Task<DisputeView?> GetAsync(Guid id);

    /// <summary>
    /// Up to <paramref name="limit"/> of the tenant's disputes, oldest opened first, after the dispute
    /// <paramref name="after"/> (null: from the first), filtered by status and overdue when given; null when
    /// <paramref name="after"/> is no dispute of the tenant.
    /// </summary>
    [Alias("list")]
    Task<DisputeView[]?> ListAsync(string tenantId, DisputeStatus? status, bool? overdue, int limit, Guid? after);
}
