using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;

namespace Witn.Grains.Outcomes;

/// <summary>Refuses due-sweep settings the sweep cannot work with, naming the setting and what to use instead.</summary>
public sealed class DueSweepOptionsValidator : IValidateOptions<DueSweepOptions>
{
    public ValidateOptionsResult Validate(string? name, DueSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingChecks(DueSweepOptions.Section)
            .Positive(nameof(options.Interval), options.Interval, "00:00:15")
            .NotNegative(nameof(options.Slack), options.Slack, "00:00:10")
            .Within(nameof(options.Batch), options.Batch, 1, 100_000)
            .Within(nameof(options.Concurrency), options.Concurrency, 1, 1_000)
            .Result;
    }
}
