using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;
using Witn.Api.Http;
using Witn.Api.Security;

namespace Witn.Api.RateLimits;

/// <summary>
/// ASP.NET Core's rate limiter, partitioned by API key: one token bucket per key and silo (<see cref="RateLimitOptions"/>).
/// A request without a valid key is not limited here: it never reaches a handler (401). A refused request is a 429
/// problem with <c>Retry-After</c>. The middleware runs after authentication (<c>UseRateLimiter</c> in the host).
/// </summary>
public static class KeyRateLimits
{
    public static IServiceCollection AddKeyRateLimits(this IServiceCollection services)
    {
        services.AddCheckedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) => Configure(o, limits.Value));
        return services;
    }

    private static void Configure(RateLimiterOptions options, RateLimitOptions limits)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        if (!limits.Enabled)
        {
            return;
        }

        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.TokenLimit,
            TokensPerPeriod = limits.TokensPerPeriod,
            ReplenishmentPeriod = limits.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.User.FindFirst(ApiKeyClaims.KeyId)?.Value is { } keyId
                ? RateLimitPartition.GetTokenBucketLimiter(keyId, _ => bucket)
                : RateLimitPartition.GetNoLimiter(""));
        options.OnRejected = (rejected, cancellationToken) => RefuseAsync(rejected, limits);
    }

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, RateLimitOptions limits)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limits.ReplenishmentPeriod;
        var seconds = (long)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var key = context.User.FindFirst(ApiKeyClaims.KeyId)?.Value;
        var detail = string.Create(CultureInfo.InvariantCulture, $"API key {key} sent more requests than its limit: bursts of {limits.TokenLimit:N0}, then {limits.TokensPerPeriod:N0} every {limits.ReplenishmentPeriod}; "
            + $"retry after {seconds} s (Retry-After), send events in batches (up to 1,000 per POST /v1/events), or ask the operator to raise {RateLimitOptions.Section}:TokensPerPeriod");
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Problems.Create(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests for this API key", detail),
        });
    }
}
