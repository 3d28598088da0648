using Witn.Grains.Ingestion;

namespace Witn.Grains.Tenants;

/// <summary>
/// "Now" for a tenant, in one place: a sandbox tenant's test clock, the injected real clock otherwise. Reads the
/// silo's tenant directory, so a clock advance made elsewhere shows within the directory's freshness; the advance
/// itself passes its instant to the outcomes it ticks.
/// </summary>
public sealed class TenantClock(TenantDirectory directory, TimeProvider time)
{
    public async ValueTask<(DateTimeOffset Now, bool Sandbox)> NowAsync(string tenantId)
    {
        var tenant = await directory.GetAsync(tenantId);
        return tenant is { Sandbox: true } ? (tenant.Now(time), true) : (time.GetUtcNow(), false);
    }

    public DateTimeOffset RealNow => time.GetUtcNow();
}
