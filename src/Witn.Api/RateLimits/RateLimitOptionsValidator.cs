using System.Globalization;
using Microsoft.Extensions.Options;

namespace Witn.Api.RateLimits;

/// <summary>Refuses rate-limit settings a token bucket cannot work with, naming the setting and what to use instead.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public const int MaxTokens = 100_000_000;

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TokenLimit is < 1 or > MaxTokens)
        {
            failures.Add($"{Key(nameof(RateLimitOptions.TokenLimit))} is {Number(options.TokenLimit)}; use 1 to {Number(MaxTokens)}");
        }

        if (options.TokensPerPeriod < 1 || options.TokensPerPeriod > Math.Max(options.TokenLimit, 1))
        {
            failures.Add($"{Key(nameof(RateLimitOptions.TokensPerPeriod))} is {Number(options.TokensPerPeriod)}; use 1 to {Key(nameof(RateLimitOptions.TokenLimit))} ({Number(options.TokenLimit)}): a bucket holds no more than its limit");
        }

        if (options.ReplenishmentPeriod <= TimeSpan.Zero || options.ReplenishmentPeriod > TimeSpan.FromDays(1))
        {
            failures.Add($"{Key(nameof(RateLimitOptions.ReplenishmentPeriod))} is {options.ReplenishmentPeriod}; use a positive duration of at most a day, such as 00:00:01");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string setting) => $"{RateLimitOptions.Section}:{setting}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
