using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;

namespace Witn.Silo.Webhooks;

/// <summary>Refuses webhook settings the dispatcher cannot work with, naming the setting and what to use instead.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new SettingChecks(WebhookOptions.Section)
            .Positive(nameof(options.PollInterval), options.PollInterval, "00:00:01")
            .Positive(nameof(options.RequestTimeout), options.RequestTimeout, "00:00:01")
            .Positive(nameof(options.RetryBaseDelay), options.RetryBaseDelay, "00:00:01")
            .Within(nameof(options.BatchSize), options.BatchSize, 1, 10_000)
            .Within(nameof(options.MaxConcurrentSends), options.MaxConcurrentSends, 1, 1_000)
            .Within(nameof(options.MaxAttempts), options.MaxAttempts, 1, 1_000);
        if (options.RetryJitter is < 0 or > 1)
        {
            checks.Fail($"{checks.Key(nameof(options.RetryJitter))} is {options.RetryJitter.ToString(System.Globalization.CultureInfo.InvariantCulture)}; use a fraction from 0 (no jitter) to 1, such as 0.5");
        }

        if (options.Lease <= options.RequestTimeout)
        {
            checks.Fail($"{checks.Key(nameof(options.Lease))} ({options.Lease}) must be longer than {checks.Key(nameof(options.RequestTimeout))} ({options.RequestTimeout}), or a slow answer would be sent twice");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            checks.Fail($"{checks.Key(nameof(options.RetryMaxDelay))} ({options.RetryMaxDelay}) is shorter than {checks.Key(nameof(options.RetryBaseDelay))} ({options.RetryBaseDelay}); use at least the base delay");
        }

        return checks.Result;
    }
}
