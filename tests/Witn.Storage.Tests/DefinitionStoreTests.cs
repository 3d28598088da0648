using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Witn.Domain.Definitions;
using Witn.Storage.Outcomes;
using Witn.Testing;

namespace Witn.Storage.Tests;

public sealed class DefinitionStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task publishing_appends_versions_and_identical_content_is_a_no_op()
    {
        var store = new DefinitionStore(db.DataSource, _time);
        var name = Fresh();

        var v1 = await store.PublishAsync(Content(name, "a"), Ct);
        var same = await store.PublishAsync(Content(name, "a") with { SourceText = "# other spelling" }, Ct);
        var v2 = await store.PublishAsync(Content(name, "b"), Ct);
        var back = await store.PublishAsync(Content(name, "a"), Ct);

        Assert.Equal((1, true), (v1.Version.Version, v1.Created));
        Assert.Equal((1, false), (same.Version.Version, same.Created));
        Assert.Equal("source a", same.Version.SourceText);
        Assert.Equal((2, true), (v2.Version.Version, v2.Created));
        Assert.Equal((3, true), (back.Version.Version, back.Created)); // going back to older content is a new version
        var found = await store.FindAsync(name, Ct);
        Assert.Equal(3, found!.Definition.LatestVersion);
        Assert.Equal(DefinitionStatus.Active, found.Definition.Status);
        Assert.Equal(v1.Version, await store.FindVersionAsync(name, 1, Ct));
        Assert.Null(await store.FindVersionAsync(name, 4, Ct));
    }

    [Fact]
    public async Task concurrent_publishers_of_different_content_get_consecutive_versions_never_the_same_one()
    {
        var name = Fresh();
        var stores = Enumerable.Range(0, 8).Select(_ => new DefinitionStore(db.DataSource, _time)).ToList();

        var results = await Task.WhenAll(stores.Select((s, i) => Task.Run(() => s.PublishAsync(Content(name, $"c{i}"), Ct))));

        Assert.All(results, r => Assert.True(r.Created));
        Assert.Equal(Enumerable.Range(1, 8), results.Select(r => r.Version.Version).Order());
        Assert.Equal(8, (await store(0).FindAsync(name, Ct))!.Definition.LatestVersion);

        DefinitionStore store(int i) => stores[i];
    }

    [Fact]
    public async Task concurrent_publishers_of_the_same_content_create_one_version()
    {
        var name = Fresh();
        var store = new DefinitionStore(db.DataSource, _time);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.PublishAsync(Content(name, "same"), Ct))));

        Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(1, r.Version.Version));
    }

    [Fact]
    public async Task status_changes_bump_the_revision_and_notify_listeners_after_commit()
    {
        var store = new DefinitionStore(db.DataSource, _time);
        var name = Fresh();
        var published = await store.PublishAsync(Content(name, "a"), Ct);
        await using var listener = await db.DataSource.OpenConnectionAsync(Ct);
        var notified = new List<string>();
        listener.Notification += (_, e) => notified.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {DefinitionStore.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync(Ct);
        }

        var shadow = await store.SetStatusAsync(name, DefinitionStatus.Shadow, Ct);
        var unchanged = await store.SetStatusAsync(name, DefinitionStatus.Shadow, Ct);

        Assert.Equal(DefinitionStatus.Shadow, shadow!.Definition.Status);
        Assert.Equal(published.Definition.Revision + 1, shadow.Definition.Revision);
        Assert.Equal(shadow, unchanged);
        Assert.Null(await store.SetStatusAsync("never_published", DefinitionStatus.Retired, Ct));
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.Equal([name], notified);
    }

    [Fact]
    public async Task a_promotion_makes_a_shadow_definition_active_from_its_boundary_and_a_status_set_later_clears_it()
    {
        var store = new DefinitionStore(db.DataSource, _time);
        var name = Fresh();
        var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        await store.PublishAsync(Content(name, "a"), Ct);

        var notShadow = await store.PromoteAsync(name, at, Ct);
        var shadow = await store.SetStatusAsync(name, DefinitionStatus.Shadow, Ct);
        var promoted = await store.PromoteAsync(name, at, Ct);
        var listed = (await store.ListAsync(Ct)).Single(d => d.Definition.Name == name);
        var again = await store.SetStatusAsync(name, DefinitionStatus.Active, Ct);

        Assert.Equal((DefinitionStatus.Active, null), (notShadow!.Definition.Status, notShadow.Definition.ActiveFrom));
        Assert.Equal((DefinitionStatus.Active, at), (promoted!.Definition.Status, promoted.Definition.ActiveFrom));
        Assert.Equal(shadow!.Definition.Revision + 1, promoted.Definition.Revision);
        Assert.Equal(promoted.Definition, listed.Definition);
        Assert.Equal((DefinitionStatus.Active, null, promoted.Definition.Revision + 1), (again!.Definition.Status, again.Definition.ActiveFrom, again.Definition.Revision));
        Assert.Null(await store.PromoteAsync("never_published", at, Ct));
    }

    [Fact]
    public async Task versions_are_immutable_in_the_database_even_for_the_owner()
    {
        var store = new DefinitionStore(db.DataSource, _time);
        var name = Fresh();
        await store.PublishAsync(Content(name, "a"), Ct);

        await using var update = db.OwnerDataSource.CreateCommand($"UPDATE outcome_definition_versions SET content_hash = 'x' WHERE name = '{name}'");
        var e = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync(Ct));

        Assert.Contains("immutable", e.MessageText, StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fresh() => $"d_{Guid.NewGuid():N}"[..12];

    private static NewDefinitionVersion Content(string name, string content) =>
        new(name, $"sha256:{content}", $$"""{"name":"{{name}}","c":"{{content}}"}""", ["ticket.closed"], $"source {content}", DefinitionFormat.Yaml);
}
