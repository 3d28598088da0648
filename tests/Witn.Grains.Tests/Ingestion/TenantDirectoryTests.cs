using Microsoft.Extensions.Time.Testing;
using Witn.Domain.Tenants;
using Witn.Grains.Ingestion;
using Witn.Storage.Tenants;
using Witn.Testing;

namespace Witn.Grains.Tests.Ingestion;

/// <summary>The ingest path's tenant cache: never waits on its freshness bound, and an invalidation always wins.</summary>
public sealed class TenantDirectoryTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task an_old_copy_is_answered_at_once_and_refreshed_in_the_background()
    {
        var (store, time, directory, id) = await SetUpAsync();
        Assert.Equal("first", (await directory.GetAsync(id, Ct))!.Name);

        // Changed behind the cache's back (as if the notification were lost), then the copy ages past its bound.
        await store.SaveAsync(TenantNamed(id, "second"), Ct);
        time.Advance(TenantDirectory.Freshness + TimeSpan.FromSeconds(1));

        Assert.Equal("first", (await directory.GetAsync(id, Ct))!.Name);
        await Eventually.HoldsAsync(async () => (await directory.GetAsync(id, Ct))!.Name == "second", TimeSpan.FromSeconds(10), "the background refresh");
    }

    [Fact]
    public async Task a_copy_younger_than_the_bound_is_kept_until_it_is_invalidated()
    {
        var (store, time, directory, id) = await SetUpAsync();
        Assert.Equal("first", (await directory.GetAsync(id, Ct))!.Name);

        await store.SaveAsync(TenantNamed(id, "second"), Ct);
        time.Advance(TenantDirectory.Freshness - TimeSpan.FromSeconds(1));
        Assert.Equal("first", (await directory.GetAsync(id, Ct))!.Name);

        directory.Invalidate(id);
        Assert.Equal("second", (await directory.GetAsync(id, Ct))!.Name);
    }

    [Fact]
    public async Task an_unknown_tenant_is_remembered_as_unknown_until_it_is_invalidated()
    {
        var (store, _, directory, _) = await SetUpAsync();
        var id = $"t-{Guid.NewGuid():N}"[..14];
        Assert.Null(await directory.GetAsync(id, Ct));

        await store.SaveAsync(TenantNamed(id, "created"), Ct);
        directory.Invalidate(id);

        Assert.Equal("created", (await directory.GetAsync(id, Ct))!.Name);
    }

    private async Task<(TenantStore Store, FakeTimeProvider Time, TenantDirectory Directory, string Id)> SetUpAsync()
    {
        var store = new TenantStore(db.DataSource);
        var time = new FakeTimeProvider(Start);
        var id = $"t-{Guid.NewGuid():N}"[..14];
        await store.SaveAsync(TenantNamed(id, "first"), Ct);
        return (store, time, new TenantDirectory(store, time), id);
    }

    private static Tenant TenantNamed(string id, string name) =>
        new(id, name, "UTC", false, null, null, Tenant.DefaultBackfillLimit, Start, Start, false, Tenant.DefaultFinalizeGrace);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
