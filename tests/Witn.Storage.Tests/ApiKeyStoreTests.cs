using Microsoft.Extensions.Time.Testing;
using Witn.Domain.Access;
using Witn.Storage.Access;
using Witn.Testing;

namespace Witn.Storage.Tests;

public sealed class ApiKeyStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task a_created_key_is_stored_hashed_and_found_by_its_id()
    {
        var store = new ApiKeyStore(db.DataSource, _time);

        var (row, token) = await store.CreateAsync("agent", [ApiKeyScope.Ingest], "acme", TestContext.Current.CancellationToken);
        var found = await store.FindAsync(token.Id, TestContext.Current.CancellationToken);

        Assert.NotNull(found);
        Assert.Equal(row with { SecretHash = found.SecretHash, Scopes = found.Scopes }, found);
        Assert.Equal([ApiKeyScope.Ingest], found.Scopes);
        Assert.True(token.Matches(found.SecretHash));
        Assert.False(new ApiKeyToken(token.Id, "not-the-secret").Matches(found.SecretHash));
        Assert.DoesNotContain(token.Secret, Convert.ToBase64String(found.SecretHash), StringComparison.Ordinal);
    }

    [Fact]
    public async Task revoking_keeps_the_row_and_stamps_the_time()
    {
        var store = new ApiKeyStore(db.DataSource, _time);
        var (_, token) = await store.CreateAsync("temp", [ApiKeyScope.Read], null, TestContext.Current.CancellationToken);

        var revoked = await store.RevokeAsync(token.Id, TestContext.Current.CancellationToken);

        Assert.Equal(_time.GetUtcNow(), revoked!.RevokedAt);
        Assert.Contains(await store.ListAsync(TestContext.Current.CancellationToken), k => k.Id == token.Id && k.RevokedAt is not null);
        Assert.Null(await store.RevokeAsync("0000000000000000", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task an_expiry_is_stored_and_read_back_and_the_database_refuses_one_before_creation()
    {
        var store = new ApiKeyStore(db.DataSource, _time);
        var expires = _time.GetUtcNow().AddDays(90);

        var (row, token) = await store.CreateAsync("expiring", [ApiKeyScope.Read], null, expires, TestContext.Current.CancellationToken);

        Assert.Equal(expires, row.ExpiresAt);
        Assert.Equal(expires, (await store.FindAsync(token.Id, TestContext.Current.CancellationToken))!.ExpiresAt);
        Assert.True(row.IsUsableAt(expires.AddTicks(-10)));
        Assert.False(row.IsUsableAt(expires));
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            store.CreateAsync("born expired", [ApiKeyScope.Read], null, _time.GetUtcNow(), TestContext.Current.CancellationToken));
        Assert.Equal("api_keys_expires_after_creation", refused.ConstraintName);
    }

    [Fact]
    public async Task the_last_use_only_moves_forward()
    {
        var store = new ApiKeyStore(db.DataSource, _time);
        var (_, token) = await store.CreateAsync("used", [ApiKeyScope.Read], null, TestContext.Current.CancellationToken);
        var later = _time.GetUtcNow().AddMinutes(5);

        await store.TouchAsync(token.Id, later, TestContext.Current.CancellationToken);
        await store.TouchAsync(token.Id, later.AddMinutes(-2), TestContext.Current.CancellationToken);

        Assert.Equal(later, (await store.FindAsync(token.Id, TestContext.Current.CancellationToken))!.LastUsedAt);
    }

    [Fact]
    public async Task bootstrap_creates_one_admin_key_however_many_silos_race()
    {
        await using var fresh = new TestDatabase();
        await fresh.InitializeAsync();
        var store = new ApiKeyStore(fresh.DataSource, _time);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.BootstrapAdminAsync(TestContext.Current.CancellationToken)));

        var created = Assert.Single(tokens, t => t is not null);
        var keys = await store.ListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(created!.Id, Assert.Single(keys).Id);
        Assert.Equal([ApiKeyScope.Admin], keys[0].Scopes);
    }
}
