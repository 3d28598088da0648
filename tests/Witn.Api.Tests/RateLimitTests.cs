using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Witn.Api.RateLimits;
using Witn.Silo;
using Witn.Silo.Options;
using Witn.Testing;

namespace Witn.Api.Tests;

public sealed class RateLimitTests(RateLimitedSilo silo) : IClassFixture<RateLimitedSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_key_over_its_limit_gets_429_with_retry_after_while_another_key_still_gets_through()
    {
        // The admin key spends two of its three tokens on the two keys.
        using var admin = silo.Client();
        var busy = await KeyAsync(admin, "busy");
        var calm = await KeyAsync(admin, "calm");
        using var busyClient = silo.Client(busy);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await busyClient.GetAsync("/v1/tenants", Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await busyClient.GetAsync("/v1/tenants", Ct);
        using var other = await silo.Client(calm).GetAsync("/v1/tenants", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        var problem = await KeysApiTests.ProblemAsync(refused);
        Assert.Equal("https://witn.actors/problems/rate-limited", problem.GetProperty("type").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.StartsWith($"API key {busy[3..19]} sent more requests than its limit: bursts of 3, then 1 every 01:00:00; retry after {(int)retryAfter.Value.TotalSeconds} s (Retry-After)",
            problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public void settings_a_token_bucket_cannot_work_with_are_refused_naming_each_setting()
    {
        var result = new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { TokenLimit = 0, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Witn:RateLimit:TokenLimit is 0; use 1 to 100000000",
                "Witn:RateLimit:TokensPerPeriod is 5; use 1 to Witn:RateLimit:TokenLimit (0): a bucket holds no more than its limit",
                "Witn:RateLimit:ReplenishmentPeriod is 00:00:00; use a positive duration of at most a day, such as 00:00:01",
            ],
            result.Failures);
        Assert.True(new RateLimitOptionsValidator().Validate(null, new RateLimitOptions()).Succeeded);
    }

    [Fact]
    public async Task a_host_with_an_invalid_rate_limit_does_not_start()
    {
        var ports = FreePorts.Take(3);
        var settings = new SiloSettings { HttpPort = ports[0], SiloPort = ports[1], GatewayPort = ports[2], DataDir = Path.GetTempPath(), ClusterId = "bad-limit" };
        await using var app = SiloApp.Build(settings, silo.ConnectionString,
            customize: b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Witn:RateLimit:TokensPerPeriod"] = "0" }));

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains("Witn:RateLimit:TokensPerPeriod is 0", e.Message, StringComparison.Ordinal);
    }

    private static async Task<string> KeyAsync(HttpClient admin, string name)
    {
        using var response = await admin.PostAsJsonAsync("/v1/keys", new { name, scopes = new[] { "read" } }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }
}
