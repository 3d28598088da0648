using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests;

public sealed class KeyExpiryApiTests(KeyClockSilo silo) : IClassFixture<KeyClockSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task expired_key_is_refused_like_a_revoked_one()
    {
        using var admin = silo.Client();
        var expires = silo.Time.GetUtcNow().AddHours(1);
        var created = await CreateAsync(admin, $$"""{"name":"expiring","scopes":["read"],"expires_at":"{{Iso(expires)}}"}""");
        Assert.Equal(expires, created.GetProperty("expires_at").GetDateTimeOffset());
        var revoked = await CreateAsync(admin, """{"name":"revoked","scopes":["read"]}""");
        (await admin.DeleteAsync($"/v1/keys/{revoked.GetProperty("id").GetString()}", Ct)).EnsureSuccessStatusCode();
        using var holder = silo.Client(created.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/v1/tenants", Ct)).StatusCode);

        silo.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/v1/tenants", Ct)).StatusCode);
        silo.Time.Advance(TimeSpan.FromMinutes(1));
        using var expired = await holder.GetAsync("/v1/tenants", Ct);
        using var ofRevoked = await silo.Client(revoked.GetProperty("key").GetString()).GetAsync("/v1/tenants", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ofRevoked.StatusCode);
        var problem = await KeysApiTests.ProblemAsync(expired);
        Assert.StartsWith("the API key is unknown, revoked or expired: send 'Authorization: Bearer <key>'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((await KeysApiTests.ProblemAsync(ofRevoked)).GetProperty("detail").GetString(), problem.GetProperty("detail").GetString());
        Assert.Equal(expires, (await ListedAsync(admin, created)).GetProperty("expires_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task last_used_at_is_shown_and_written_at_most_once_a_minute()
    {
        using var admin = silo.Client();
        var created = await CreateAsync(admin, """{"name":"busy agent","scopes":["read"]}""");
        Assert.Equal(JsonValueKind.Null, (await ListedAsync(admin, created)).GetProperty("last_used_at").ValueKind);
        using var agent = silo.Client(created.GetProperty("key").GetString());

        var firstUse = silo.Time.GetUtcNow();
        (await agent.GetAsync("/v1/tenants", Ct)).EnsureSuccessStatusCode();
        Assert.Equal(firstUse, (await ListedAsync(admin, created)).GetProperty("last_used_at").GetDateTimeOffset());

        silo.Time.Advance(TimeSpan.FromSeconds(59));
        (await agent.GetAsync("/v1/tenants", Ct)).EnsureSuccessStatusCode();
        Assert.Equal(firstUse, (await ListedAsync(admin, created)).GetProperty("last_used_at").GetDateTimeOffset());

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        var laterUse = silo.Time.GetUtcNow();
        (await agent.GetAsync("/v1/tenants", Ct)).EnsureSuccessStatusCode();
        Assert.Equal(laterUse, (await ListedAsync(admin, created)).GetProperty("last_used_at").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("-1", "expires_at", "is not in the future")]
    [InlineData("0", "expires_at", "is not in the future")]
    [InlineData("9000-01-01T00:00:00Z", "expires_at", "is outside the supported range of instants")]
    [InlineData("2099-01-01T00:00:00", "$.expires_at", "is not an instant with a time and an offset")]
    [InlineData("2099-01-01", "$.expires_at", "is not an instant with a time and an offset")]
    public async Task an_expiry_that_is_not_a_future_instant_is_400_naming_expires_at(string given, string path, string message)
    {
        var text = int.TryParse(given, CultureInfo.InvariantCulture, out var hours) ? Iso(DateTimeOffset.UtcNow.AddHours(hours)) : given;
        using var response = await silo.Client().PostAsync("/v1/keys", KeysApiTests.Json($$"""{"name":"x","scopes":["read"],"expires_at":"{{text}}"}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await KeysApiTests.ProblemAsync(response);
        var error = problem.GetProperty("errors")[0];
        Assert.Equal(path, error.GetProperty("path").GetString());
        Assert.Contains(message, (error.GetProperty("message").GetString() ?? "") + " " + problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> CreateAsync(HttpClient admin, string body)
    {
        using var response = await admin.PostAsync("/v1/keys", KeysApiTests.Json(body), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> ListedAsync(HttpClient admin, JsonElement created) =>
        (await PagedList.AllAsync(admin, "/v1/keys", Ct)).Single(k => k.GetProperty("id").GetString() == created.GetProperty("id").GetString());

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
