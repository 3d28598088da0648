using Microsoft.Extensions.Options;

namespace Witn.Grains.Outcomes;

/// <summary>Refuses due-sweep settings the sweep cannot work with, naming the setting and what to use instead.</summary>
public sealed class DueSweepOptionsValidator : IValidateOptions<DueSweepOptions>
{
    public ValidateOptionsResult Validate(string? name, DueSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Interval <= TimeSpan.Zero)
        {
            failures.Add($"{DueSweepOptions.Section}:{nameof(DueSweepOptions.Interval)} is {options.Interval}; use a positive duration such as 00:00:15");
        }

        if (options.Slack < TimeSpan.Zero)
        {
            failures.Add($"{DueSweepOptions.Section}:{nameof(DueSweepOptions.Slack)} is {options.Slack}; use zero or a positive duration such as 00:00:10");
        }

        if (options.Batch is < 1 or > 100_000)
        {
            failures.Add($"{DueSweepOptions.Section}:{nameof(DueSweepOptions.Batch)} is {options.Batch}; use 1 to 100000");
        }

        if (options.Concurrency is < 1 or > 1_000)
        {
            failures.Add($"{DueSweepOptions.Section}:{nameof(DueSweepOptions.Concurrency)} is {options.Concurrency}; use 1 to 1000");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
