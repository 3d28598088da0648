using Microsoft.Extensions.Logging.Abstractions;
using Witn.Domain.Definitions;
using Witn.Grains.Outcomes;
using Witn.Storage.Notifications;
using Witn.Storage.Outcomes;
using Witn.Testing;

namespace Witn.Grains.Tests.Outcomes;

public sealed class DefinitionCatalogTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Ticket = """
        name: NAME
        correlate_by: ticket_id
        qualify: { seen: ticket.closed }
        reverse_on: { seen: ticket.reopened }
        settlement: { window: 72h }
        """;

    [Fact]
    public async Task routed_definitions_are_indexed_by_listened_type_and_retired_ones_are_not()
    {
        var store = new DefinitionStore(db.DataSource, TimeProvider.System);
        var catalog = new DefinitionCatalog(store);
        var (a, b) = (Fresh(), Fresh());
        await PublishAsync(store, a, Ticket);
        await PublishAsync(store, b, Ticket.Replace("ticket.closed", "ticket.solved", StringComparison.Ordinal));
        await store.SetStatusAsync(b, DefinitionStatus.Shadow, Ct);

        await catalog.RefreshAllAsync(Ct);

        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), catalog.Current.ListeningTo("ticket.reopened").Select(e => e.Name).Where(n => n == a || n == b));
        Assert.Equal([a], catalog.Current.ListeningTo("ticket.closed").Select(e => e.Name).Where(n => n == a || n == b));
        Assert.Equal(DefinitionStatus.Shadow, catalog.Current.Find(b)!.Status);

        await store.SetStatusAsync(a, DefinitionStatus.Retired, Ct);
        await catalog.RefreshAsync(a, Ct);

        Assert.DoesNotContain(catalog.Current.ListeningTo("ticket.closed"), e => e.Name == a);
        Assert.Equal(DefinitionStatus.Retired, catalog.Current.Find(a)!.Status); // still known, e.g. for evaluate by name
    }

    [Fact]
    public async Task an_older_revision_never_replaces_a_newer_one_and_versions_share_compiled_definitions()
    {
        var store = new DefinitionStore(db.DataSource, TimeProvider.System);
        var catalog = new DefinitionCatalog(store);
        var name = Fresh();
        var v1 = await PublishAsync(store, name, Ticket);
        var v2 = await PublishAsync(store, name, Ticket.Replace("72h", "24h", StringComparison.Ordinal));

        catalog.Apply(new StoredDefinition(v2.Definition, v2.Version));
        catalog.Apply(new StoredDefinition(v1.Definition, v1.Version));

        Assert.Equal(2, catalog.Current.Find(name)!.Version);
        Assert.Same(catalog.Current.Find(name)!.Definition, catalog.Compile(v2.Version.ContentHash, v2.Version.CanonicalJson));
    }

    [Fact]
    public async Task the_service_follows_notifications_from_another_writer()
    {
        var store = new DefinitionStore(db.DataSource, TimeProvider.System);
        var catalog = new DefinitionCatalog(store);
        using var service = new DefinitionCatalogService(catalog, new ChangeListener(db.DataSource, TimeProvider.System), TimeProvider.System, NullLogger<DefinitionCatalogService>.Instance);
        await service.StartAsync(Ct);
        var name = Fresh();

        await PublishAsync(store, name, Ticket);
        await Eventually.HoldsAsync(() => Task.FromResult(catalog.Current.Find(name) is not null), TimeSpan.FromSeconds(2), "the catalog hearing of the publish");
        await store.SetStatusAsync(name, DefinitionStatus.Shadow, Ct);
        await Eventually.HoldsAsync(() => Task.FromResult(catalog.Current.Find(name)?.Status == DefinitionStatus.Shadow), TimeSpan.FromSeconds(2), "the catalog hearing of the status change");

        await service.StopAsync(Ct);
    }

    private static async Task<PublishedDefinition> PublishAsync(DefinitionStore store, string name, string yaml)
    {
        var d = OutcomeDefinition.Parse(yaml.Replace("NAME", name, StringComparison.Ordinal), DefinitionFormat.Yaml).Definition!;
        return await store.PublishAsync(new NewDefinitionVersion(name, d.ContentHash(), d.ToCanonicalJson(), [.. d.ListenedTypes], yaml, DefinitionFormat.Yaml), Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fresh() => $"c_{Guid.NewGuid():N}"[..12];
}
