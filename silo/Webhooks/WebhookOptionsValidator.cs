using Microsoft.Extensions.Options;

namespace Witn.Silo.Webhooks;

/// <summary>Refuses webhook settings the dispatcher cannot work with, naming the setting and what to use instead.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, nameof(WebhookOptions.PollInterval), options.PollInterval);
        Positive(failures, nameof(WebhookOptions.RequestTimeout), options.RequestTimeout);
        Positive(failures, nameof(WebhookOptions.RetryBaseDelay), options.RetryBaseDelay);
        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{Key(nameof(WebhookOptions.BatchSize))} is {options.BatchSize}; use 1 to 10000");
        }

        if (options.MaxConcurrentSends is < 1 or > 1_000)
        {
            failures.Add($"{Key(nameof(WebhookOptions.MaxConcurrentSends))} is {options.MaxConcurrentSends}; use 1 to 1000");
        }

        if (options.MaxAttempts is < 1 or > 1_000)
        {
            failures.Add($"{Key(nameof(WebhookOptions.MaxAttempts))} is {options.MaxAttempts}; use 1 to 1000");
        }

        if (options.Lease <= options.RequestTimeout)
        {
            failures.Add($"{Key(nameof(WebhookOptions.Lease))} ({options.Lease}) must be longer than {Key(nameof(WebhookOptions.RequestTimeout))} ({options.RequestTimeout}), or a slow answer would be sent twice");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add($"{Key(nameof(WebhookOptions.RetryMaxDelay))} ({options.RetryMaxDelay}) is shorter than {Key(nameof(WebhookOptions.RetryBaseDelay))} ({options.RetryBaseDelay}); use at least the base delay");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Key(setting)} is {value}; use a positive duration such as 00:00:01");
        }
    }

    private static string Key(string setting) => $"{WebhookOptions.Section}:{setting}";
}
