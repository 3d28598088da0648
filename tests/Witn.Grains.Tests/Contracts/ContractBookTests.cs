using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Tenants;
using Witn.Grains.Contracts;
using Witn.Storage.Contracts;
using Witn.Storage.Tenants;
using Witn.Testing;

namespace Witn.Grains.Tests.Contracts;

public sealed class ContractBookTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task the_book_prices_with_the_version_in_force_and_parses_each_version_once()
    {
        var store = new ContractStore(db.DataSource, TimeProvider.System);
        var book = new ContractBook(store);
        var tenant = await TenantAsync();
        await AppendAsync(store, tenant, Jan, """{"currency": "USD", "prices": {"meeting_booked": {"unit_price": 40, "by": {"lead.segment": {"enterprise": 120}}}}}""");
        await AppendAsync(store, tenant, Jan.AddMonths(1), """{"currency": "USD", "prices": {"meeting_booked": {"unit_price": 45.005}}}""");

        var january = await book.GetInForceAsync(tenant, Jan.AddDays(10), Ct);
        var february = await book.GetInForceAsync(tenant, Jan.AddMonths(1), Ct);

        DimensionValue[] enterprise = [new("lead.segment", "enterprise")];
        Assert.Equal((1, ChargePrice.Flat(120m, 120m, "lead.segment=enterprise")), (january!.Version, january.Contract.PriceCharge("meeting_booked", enterprise)));
        Assert.Equal((2, ChargePrice.Flat(45.005m, 45.01m)), (february!.Version, february.Contract.PriceCharge("meeting_booked", enterprise)));
        Assert.Null(await book.GetInForceAsync(tenant, Jan.AddTicks(-10), Ct));
        Assert.Null(await book.GetAsync(tenant, 3, Ct));
        Assert.Same(january.Contract, (await book.GetAsync(tenant, 1, Ct))!.Contract);
    }

    [Fact]
    public async Task a_stored_version_that_does_not_parse_is_reported_as_corrupt_data()
    {
        var store = new ContractStore(db.DataSource, TimeProvider.System);
        var tenant = await TenantAsync();
        await AppendAsync(store, tenant, Jan, """{"currency": "ZZZ", "base_fee": 1}""");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new ContractBook(store).GetAsync(tenant, 1, Ct));

        Assert.Contains($"contract version 1 of tenant '{tenant}' does not parse", e.Message, StringComparison.Ordinal);
    }

    private static Task AppendAsync(ContractStore store, string tenant, DateTimeOffset from, string json) =>
        store.AppendAsync(new NewContractVersion(tenant, from, DefinitionFormat.Json, json, json, "USD"), Ct);

    private async Task<string> TenantAsync()
    {
        var id = $"t-{Guid.NewGuid():N}"[..12];
        await new TenantStore(db.DataSource).SaveAsync(new Tenant(id, id, "UTC", false, null, null, TimeSpan.FromDays(35), Jan, Jan, false, Tenant.DefaultFinalizeGrace), Ct);
        return id;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
