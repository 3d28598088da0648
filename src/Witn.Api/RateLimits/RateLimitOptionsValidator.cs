using System.Globalization;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;

namespace Witn.Api.RateLimits;

/// <summary>Refuses rate-limit settings a token bucket cannot work with, naming the setting and what to use instead.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public const int MaxTokens = 100_000_000;

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new SettingChecks(RateLimitOptions.Section).Within(nameof(options.TokenLimit), options.TokenLimit, 1, MaxTokens);
        if (options.TokensPerPeriod < 1 || options.TokensPerPeriod > Math.Max(options.TokenLimit, 1))
        {
            var limit = checks.Key(nameof(options.TokenLimit));
            checks.Fail(string.Create(CultureInfo.InvariantCulture, $"{checks.Key(nameof(options.TokensPerPeriod))} is {options.TokensPerPeriod}; use 1 to {limit} ({options.TokenLimit}): a bucket holds no more than its limit"));
        }

        if (options.ReplenishmentPeriod <= TimeSpan.Zero || options.ReplenishmentPeriod > TimeSpan.FromDays(1))
        {
            checks.Fail($"{checks.Key(nameof(options.ReplenishmentPeriod))} is {options.ReplenishmentPeriod}; use a positive duration of at most a day, such as 00:00:01");
        }

        return checks.Result;
    }
}
