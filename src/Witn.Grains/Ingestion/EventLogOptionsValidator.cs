using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;
using Witn.Storage.Log;

namespace Witn.Grains.Ingestion;

/// <summary>Refuses log-writer settings that would stall or break acknowledgements, naming the setting and a fix.</summary>
public sealed class EventLogOptionsValidator : IValidateOptions<EventLogOptions>
{
    public ValidateOptionsResult Validate(string? name, EventLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new SettingChecks(EventLogOptions.Section)
            .Within(nameof(options.PartitionCount), options.PartitionCount, 1, 1024)
            .Within(nameof(options.LingerAfterRecords), options.LingerAfterRecords, 0, 1_000_000)
            .Within(nameof(options.FlushConcurrency), options.FlushConcurrency, 1, 64)
            .Within(nameof(options.MaxBatchSize), options.MaxBatchSize, 1, 100_000);
        if (options.FlushInterval < TimeSpan.Zero || options.FlushInterval > EventLogOptions.MaxFlushInterval)
        {
            checks.Fail(
                $"{checks.Key(nameof(options.FlushInterval))} is {options.FlushInterval}; use 00:00:00 to {EventLogOptions.MaxFlushInterval:c}, the time an idle log lane waits " +
                "for more callers after a bulk flush, e.g. 00:00:00.002, 00:00:00 for no wait, or remove it for the default (1 ms)");
        }

        return checks.Result;
    }
}
