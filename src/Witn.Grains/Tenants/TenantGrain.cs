using Witn.Abstractions.Tenants;
using Witn.Domain.Tenants;
using Witn.Storage.Tenants;

namespace Witn.Grains.Tenants;

/// <summary>Thin: load the tenant, let the domain rules decide, persist the result.</summary>
public sealed class TenantGrain(TenantStore store, TimeProvider time) : Grain, ITenantGrain
{
    private Tenant? _tenant;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _tenant = await store.GetAsync(this.GetPrimaryKeyString(), cancellationToken);

    public async Task<TenantPutReply> PutAsync(TenantSpec spec)
    {
        var (tenant, errors) = TenantRules.Apply(this.GetPrimaryKeyString(), spec, _tenant, time.GetUtcNow());
        if (tenant is null)
        {
            return new TenantPutReply(null, false, [.. errors.Select(e => new TenantProblem(e.Path, e.Message, e.Hint))]);
        }

        var created = await store.SaveAsync(tenant);
        // Read back what PostgreSQL keeps (microsecond timestamps), so every reader sees the same values.
        _tenant = await store.GetAsync(tenant.Id);
        return new TenantPutReply(_tenant, created, []);
    }

    public Task<Tenant?> GetAsync() => Task.FromResult(_tenant);
}
