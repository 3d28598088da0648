using System.Globalization;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;

namespace Witn.Silo.Exports;

/// <summary>Refuses export settings the exporter cannot work with, naming the setting and what to use instead.</summary>
public sealed class ExportOptionsValidator : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new SettingChecks(ExportOptions.Section)
            .Positive(nameof(options.PollInterval), options.PollInterval, "00:00:01")
            .Positive(nameof(options.RequestTimeout), options.RequestTimeout, "00:00:30")
            .Positive(nameof(options.RetryBaseDelay), options.RetryBaseDelay, "00:00:05")
            .Positive(nameof(options.GiveUpAfter), options.GiveUpAfter, "1.00:00:00")
            .Positive(nameof(options.LookupAfter), options.LookupAfter, "23:00:00")
            .Positive(nameof(options.ReconcileEvery), options.ReconcileEvery, "1.00:00:00")
            .Within(nameof(options.BatchSize), options.BatchSize, 1, 1_000)
            .Within(nameof(options.MaxConcurrentExports), options.MaxConcurrentExports, 1, 100);
        if (options.RetryJitter is < 0 or > 1)
        {
            checks.Fail($"{checks.Key(nameof(options.RetryJitter))} is {options.RetryJitter.ToString(CultureInfo.InvariantCulture)}; use a fraction from 0 to 1, such as 0.5");
        }

        if (options.Lease <= options.RequestTimeout)
        {
            checks.Fail($"{checks.Key(nameof(options.Lease))} ({options.Lease}) must be longer than {checks.Key(nameof(options.RequestTimeout))} ({options.RequestTimeout})");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            checks.Fail($"{checks.Key(nameof(options.RetryMaxDelay))} ({options.RetryMaxDelay}) is shorter than {checks.Key(nameof(options.RetryBaseDelay))} ({options.RetryBaseDelay})");
        }

        foreach (var (setting, rate, limit) in new[] { (nameof(options.StripeOperationsPerSecond), options.StripeOperationsPerSecond, 100d), (nameof(options.LagoOperationsPerSecond), options.LagoOperationsPerSecond, 1_000d) })
        {
            if (rate is <= 0 or double.NaN || rate > limit)
            {
                checks.Fail($"{checks.Key(setting)} is {rate.ToString(CultureInfo.InvariantCulture)}; use more than 0 and at most {limit.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (options.PublicUrl.Length > 0 && !Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out _))
        {
            checks.Fail($"{checks.Key(nameof(options.PublicUrl))} '{options.PublicUrl}' is not an absolute URL; use e.g. https://billing.example.com");
        }

        return checks.Result;
    }
}
