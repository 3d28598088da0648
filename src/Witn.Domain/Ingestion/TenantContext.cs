using Witn.Domain.Tenants;

namespace Witn.Domain.Ingestion;

/// <summary>
/// What validation needs to know about the event's tenant and the caller: the tenant's clock
/// (<see cref="Now"/>; a sandbox tenant's test clock, never the wall clock read here), how far back events
/// may be dated (<see cref="BackfillLimit"/>; <see cref="TimeSpan.MaxValue"/> for no limit), whether the
/// tenant exists, and the tenant the API key is restricted to (null: any tenant).
/// </summary>
public sealed record TenantContext(DateTimeOffset Now, TimeSpan BackfillLimit, bool Exists = true, string? KeyTenantId = null)
{
    /// <summary>
    /// The context for a stored tenant (null: it does not exist): a sandbox tenant's test clock, otherwise
    /// <paramref name="realNow"/> (the caller's TimeProvider), and its backfill limit.
    /// </summary>
    public static TenantContext Of(Tenant? tenant, DateTimeOffset realNow, string? keyTenantId = null) =>
        tenant is null
            ? Unknown(keyTenantId)
            : new TenantContext(tenant.Now(realNow), tenant.BackfillLimit, true, keyTenantId);

    /// <summary>For a tenant that does not exist (its clock and limit are never consulted).</summary>
    public static TenantContext Unknown(string? keyTenantId = null) => new(DateTimeOffset.MinValue, TimeSpan.Zero, false, keyTenantId);
}
