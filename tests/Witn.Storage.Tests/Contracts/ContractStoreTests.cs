using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Witn.Domain.Definitions;
using Witn.Domain.Tenants;
using Witn.Storage.Contracts;
using Witn.Storage.Tenants;
using Witn.Testing;

namespace Witn.Storage.Tests.Contracts;

public sealed class ContractStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task versions_are_numbered_per_tenant_and_read_back_as_stored()
    {
        var store = new ContractStore(db.DataSource, _time);
        var (a, b) = (await TenantAsync(), await TenantAsync());

        var a1 = await store.AppendAsync(Version(a, Jan, "USD"), Ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        var a2 = await store.AppendAsync(Version(a, Jan.AddMonths(1), "EUR"), Ct);
        var b1 = await store.AppendAsync(Version(b, Jan, "JPY"), Ct);

        Assert.Equal((1, 2, 1), (a1.Version, a2.Version, b1.Version));
        Assert.Equal(new ContractRow(a, 1, Jan, new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), DefinitionFormat.Yaml,
            "currency: USD\n", """{"currency": "USD"}""", "USD"), a1);
        Assert.Equal(a2, await store.GetLatestAsync(a, Ct));
        Assert.Equal(a1, await store.GetAsync(a, 1, Ct));
        Assert.Null(await store.GetAsync(a, 3, Ct));
        Assert.Equal([a1, a2], await store.ListAsync(a, Ct));
        Assert.Equal([b1], await store.ListAsync(b, Ct));
        Assert.Null(await store.GetLatestAsync("nobody", Ct));
        Assert.Empty(await store.ListAsync("nobody", Ct));
    }

    [Fact]
    public async Task concurrent_appends_get_consecutive_versions_never_the_same_one()
    {
        var tenant = await TenantAsync();
        var stores = Enumerable.Range(0, 12).Select(_ => new ContractStore(db.DataSource, _time)).ToList();

        var rows = await Task.WhenAll(stores.Select((s, i) => Task.Run(() => s.AppendAsync(Version(tenant, Jan.AddDays(i), "USD"), Ct))));

        Assert.Equal(Enumerable.Range(1, 12), rows.Select(r => r.Version).Order());
        Assert.Equal(12, (await stores[0].GetLatestAsync(tenant, Ct))!.Version);
    }

    [Fact]
    public async Task the_version_in_force_is_the_highest_one_that_has_started()
    {
        var store = new ContractStore(db.DataSource, _time);
        var tenant = await TenantAsync();
        await store.AppendAsync(Version(tenant, Jan, "USD"), Ct);               // v1 from January
        await store.AppendAsync(Version(tenant, Jan.AddMonths(2), "USD"), Ct);  // v2 from March
        await store.AppendAsync(Version(tenant, Jan.AddMonths(1), "USD"), Ct);  // v3 from February: takes over from then on

        async Task<int?> At(DateTimeOffset at) => (await store.GetInForceAsync(tenant, at, Ct))?.Version;

        Assert.Null(await At(Jan.AddTicks(-10)));
        Assert.Equal(1, await At(Jan));
        Assert.Equal(1, await At(Jan.AddDays(20)));
        Assert.Equal(3, await At(Jan.AddMonths(1)));
        Assert.Equal(3, await At(Jan.AddMonths(2).AddDays(1)));
        Assert.Equal(1, await At(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(8)))); // 01:00 UTC, any offset
    }

    [Fact]
    public async Task versions_are_immutable_in_the_database_even_for_the_owner()
    {
        var store = new ContractStore(db.DataSource, _time);
        var tenant = await TenantAsync();
        await store.AppendAsync(Version(tenant, Jan, "USD"), Ct);

        foreach (var sql in new[]
        {
            "UPDATE contracts SET currency = 'EUR' WHERE tenant_id = $1",
            "DELETE FROM contracts WHERE tenant_id = $1",
        })
        {
            await using var cmd = db.OwnerDataSource.CreateCommand(sql);
            cmd.Parameters.AddWithValue(tenant);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(Ct));
            Assert.Contains("contract versions are immutable", e.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal("USD", (await store.GetLatestAsync(tenant, Ct))!.Currency);
    }

    [Fact]
    public async Task a_contract_for_an_unknown_tenant_is_refused_by_the_database()
    {
        var store = new ContractStore(db.DataSource, _time);

        var e = await Assert.ThrowsAsync<PostgresException>(() => store.AppendAsync(Version("no-such-tenant", Jan, "USD"), Ct));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, e.SqlState);
    }

    [Fact]
    public async Task the_canonical_form_is_queryable_json()
    {
        var store = new ContractStore(db.DataSource, _time);
        var tenant = await TenantAsync();
        await store.AppendAsync(Version(tenant, Jan, "EUR") with { CanonicalJson = """{"currency": "EUR", "prices": {"ticket_resolved": {"unit_price": 1.75}}}""" }, Ct);

        await using var cmd = db.DataSource.CreateCommand("SELECT canonical #>> '{prices,ticket_resolved,unit_price}' FROM contracts WHERE tenant_id = $1");
        cmd.Parameters.AddWithValue(tenant);

        Assert.Equal("1.75", await cmd.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task shadow_versions_are_numbered_apart_from_live_ones_and_the_current_one_is_the_last_put_until_it_is_promoted()
    {
        var store = new ContractStore(db.DataSource, _time);
        var tenant = await TenantAsync();
        var live1 = await store.AppendAsync(Version(tenant, Jan, "USD"), Ct);
        Assert.Null(await store.GetShadowAsync(tenant, Ct));

        var shadow1 = await store.AppendShadowAsync(Version(tenant, Jan, "USD"), Ct);
        var shadow2 = await store.AppendShadowAsync(Version(tenant, Jan.AddMonths(1), "USD"), Ct);
        var current = await store.GetShadowAsync(tenant, Ct);
        var stale = await store.PromoteAsync(1, Version(tenant, Jan.AddMonths(11), "USD"), 5m, false, Ct);
        var promoted = await store.PromoteAsync(2, Version(tenant, Jan.AddMonths(11), "USD"), null, true, Ct);
        var again = await store.PromoteAsync(2, Version(tenant, Jan.AddMonths(11), "USD"), null, true, Ct);

        Assert.Equal((1, 2), (shadow1.Version, shadow2.Version));
        Assert.Equal(shadow2, current);
        Assert.Null(stale);
        Assert.Equal(2, promoted!.Version);
        Assert.Equal(Jan.AddMonths(11), promoted.EffectiveFrom);
        Assert.Null(again);
        Assert.Null(await store.GetShadowAsync(tenant, Ct));
        Assert.Equal([live1, promoted], await store.ListAsync(tenant, Ct));
        Assert.Equal(promoted, (await store.ListLatestAsync(Ct)).Single(r => r.TenantId == tenant));

        foreach (var sql in new[] { "UPDATE shadow_contracts SET currency = 'EUR' WHERE tenant_id = $1", "DELETE FROM contract_promotions WHERE tenant_id = $1" })
        {
            await using var cmd = db.OwnerDataSource.CreateCommand(sql);
            cmd.Parameters.AddWithValue(tenant);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(Ct));
            Assert.Equal(PostgresErrorCodes.RestrictViolation, e.SqlState);
        }
    }

    private static NewContractVersion Version(string tenant, DateTimeOffset effectiveFrom, string currency) =>
        new(tenant, effectiveFrom, DefinitionFormat.Yaml, $"currency: {currency}\n", $$"""{"currency": "{{currency}}"}""", currency);

    private async Task<string> TenantAsync()
    {
        var id = $"t-{Guid.NewGuid():N}"[..12];
        var now = _time.GetUtcNow();
        await new TenantStore(db.DataSource).SaveAsync(new Tenant(id, id, "UTC", false, null, null, TimeSpan.FromDays(35), now, now, false, Tenant.DefaultFinalizeGrace), Ct);
        return id;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
