using Witn.Abstractions.Access;
using Witn.Domain.Access;

namespace Witn.Grains.Tests;

public sealed class ApiKeyGrainTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private IApiKeyRegistryGrain Registry => cluster.Client.GetGrain<IApiKeyRegistryGrain>(0);

    [Fact]
    public async Task a_created_key_carries_its_request_and_the_clock_time_and_is_not_revoked()
    {
        var now = cluster.Time.GetUtcNow();

        var created = await Registry.CreateAsync(new NewApiKey("support-bot", [ApiKeyScope.Ingest, ApiKeyScope.Read, ApiKeyScope.Ingest], "acme"));

        var token = Parse(created.Token);
        Assert.Equal(token.Id, created.Key.Id);
        Assert.Equal("support-bot", created.Key.Name);
        Assert.Equal([ApiKeyScope.Ingest, ApiKeyScope.Read], created.Key.Scopes);
        Assert.Equal("acme", created.Key.TenantId);
        Assert.Equal(now, created.Key.CreatedAt);
        Assert.Null(created.Key.RevokedAt);
    }

    [Fact]
    public async Task a_created_key_authenticates_with_its_secret_and_not_with_another()
    {
        var created = await Registry.CreateAsync(new NewApiKey("agent", [ApiKeyScope.Ingest], null));
        var other = await Registry.CreateAsync(new NewApiKey("other agent", [ApiKeyScope.Ingest], null));
        var grain = cluster.Client.GetGrain<IApiKeyGrain>(created.Key.Id);

        var withOwnSecret = await grain.AuthenticateAsync(Parse(created.Token).Secret);
        var withOthersSecret = await grain.AuthenticateAsync(Parse(other.Token).Secret);
        var withGuess = await grain.AuthenticateAsync("guessed-secret");
        var withNothing = await grain.AuthenticateAsync("");

        // The key as created, with its first use recorded.
        Assert.Equivalent(created.Key with { LastUsedAt = cluster.Time.GetUtcNow() }, withOwnSecret, strict: true);
        Assert.Null(withOthersSecret);
        Assert.Null(withGuess);
        Assert.Null(withNothing);
    }

    [Fact]
    public async Task revoking_a_key_stops_authentication_at_once_and_records_the_clock_time()
    {
        var created = await Registry.CreateAsync(new NewApiKey("short-lived", [ApiKeyScope.Admin], null));
        var grain = cluster.Client.GetGrain<IApiKeyGrain>(created.Key.Id);
        var secret = Parse(created.Token).Secret;
        Assert.NotNull(await grain.AuthenticateAsync(secret));
        cluster.Time.Advance(TimeSpan.FromMinutes(5));
        var revokedAt = cluster.Time.GetUtcNow();

        var revoked = await grain.RevokeAsync();

        Assert.NotNull(revoked);
        Assert.Equal(revokedAt, revoked.RevokedAt);
        Assert.Equal(created.Key.CreatedAt, revoked.CreatedAt);
        Assert.True(revoked.IsRevoked);
        Assert.Null(await grain.AuthenticateAsync(secret));
    }

    [Fact]
    public async Task revoking_twice_keeps_the_first_revocation_time()
    {
        var created = await Registry.CreateAsync(new NewApiKey("twice", [ApiKeyScope.Read], "acme"));
        var grain = cluster.Client.GetGrain<IApiKeyGrain>(created.Key.Id);
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        var first = await grain.RevokeAsync();
        cluster.Time.Advance(TimeSpan.FromHours(1));

        var second = await grain.RevokeAsync();

        Assert.NotNull(first);
        Assert.Equivalent(first, second, strict: true);
    }

    [Fact]
    public async Task a_revocation_survives_the_grain_being_deactivated()
    {
        var created = await Registry.CreateAsync(new NewApiKey("persisted", [ApiKeyScope.Read], null));
        var grain = cluster.Client.GetGrain<IApiKeyGrain>(created.Key.Id);
        var revoked = await grain.RevokeAsync();

        // A new activation reloads the row: the revocation is in the database, not only in memory.
        await cluster.Cluster.DeactivateAsync(grain);

        Assert.Null(await grain.AuthenticateAsync(Parse(created.Token).Secret));
        Assert.Equal(revoked!.RevokedAt, (await grain.RevokeAsync())!.RevokedAt);
    }

    [Fact]
    public async Task a_key_id_that_does_not_exist_authenticates_to_null_and_revokes_to_null()
    {
        var grain = cluster.Client.GetGrain<IApiKeyGrain>("ffffffffffffffff");

        Assert.Null(await grain.AuthenticateAsync("any-secret"));
        Assert.Null(await grain.RevokeAsync());
        Assert.DoesNotContain(await Registry.ListAsync(), k => k.Id == "ffffffffffffffff");
    }

    [Fact]
    public async Task the_registry_lists_created_keys_with_their_revocations_and_never_a_secret()
    {
        var kept = await Registry.CreateAsync(new NewApiKey("kept", [ApiKeyScope.Read], "acme"));
        var dropped = await Registry.CreateAsync(new NewApiKey("dropped", [ApiKeyScope.Ingest], null));
        cluster.Time.Advance(TimeSpan.FromSeconds(30));
        var revoked = await cluster.Client.GetGrain<IApiKeyGrain>(dropped.Key.Id).RevokeAsync();

        var listed = await Registry.ListAsync();

        Assert.Equivalent(kept.Key, Assert.Single(listed, k => k.Id == kept.Key.Id), strict: true);
        Assert.Equivalent(revoked, Assert.Single(listed, k => k.Id == dropped.Key.Id), strict: true);
        // Oldest first: the list is ordered by creation time.
        Assert.Equal(listed.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).Select(k => k.Id), listed.Select(k => k.Id));
    }

    [Fact]
    public async Task an_expiring_key_authenticates_until_its_expiry_and_never_from_then_on()
    {
        var expires = cluster.Time.GetUtcNow().AddDays(30);
        var created = await Registry.CreateAsync(new NewApiKey("quarterly", [ApiKeyScope.Read], "acme", expires));
        var grain = cluster.Client.GetGrain<IApiKeyGrain>(created.Key.Id);
        var secret = Parse(created.Token).Secret;
        Assert.Equal(expires, created.Key.ExpiresAt);

        cluster.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromTicks(10));
        Assert.NotNull(await grain.AuthenticateAsync(secret));
        cluster.Time.Advance(TimeSpan.FromTicks(10));
        Assert.Null(await grain.AuthenticateAsync(secret));

        // The expiry is in the database, not only in memory.
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.Null(await grain.AuthenticateAsync(secret));
        Assert.Equal(expires, Assert.Single(await Registry.ListAsync(), k => k.Id == created.Key.Id).ExpiresAt);
    }

    [Fact]
    public async Task the_last_use_is_recorded_at_most_once_a_minute_and_survives_deactivation()
    {
        var created = await Registry.CreateAsync(new NewApiKey("chatty", [ApiKeyScope.Ingest], null));
        var grain = cluster.Client.GetGrain<IApiKeyGrain>(created.Key.Id);
        var secret = Parse(created.Token).Secret;
        Assert.Null(created.Key.LastUsedAt);
        Assert.Null(await grain.AuthenticateAsync("guessed-secret"));
        Assert.Null(Listed(await Registry.ListAsync(), created).LastUsedAt);

        var first = cluster.Time.GetUtcNow();
        Assert.Equal(first, (await grain.AuthenticateAsync(secret))!.LastUsedAt);
        for (var i = 0; i < 59; i++)
        {
            cluster.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.NotNull(await grain.AuthenticateAsync(secret));
        }

        Assert.Equal(first, Listed(await Registry.ListAsync(), created).LastUsedAt);
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        var second = cluster.Time.GetUtcNow();
        Assert.NotNull(await grain.AuthenticateAsync(secret));
        Assert.Equal(second, Listed(await Registry.ListAsync(), created).LastUsedAt);

        await cluster.Cluster.DeactivateAsync(grain);
        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(second, (await grain.AuthenticateAsync(secret))!.LastUsedAt);
        Assert.Equal(second, Listed(await Registry.ListAsync(), created).LastUsedAt);
    }

    private static ApiKeyInfo Listed(ApiKeyInfo[] keys, CreatedApiKey created) => Assert.Single(keys, k => k.Id == created.Key.Id);

    private static ApiKeyToken Parse(string token) =>
        ApiKeyToken.TryParse(token, out var parsed) ? parsed : throw new InvalidOperationException($"'{token}' is not a key token");
}
