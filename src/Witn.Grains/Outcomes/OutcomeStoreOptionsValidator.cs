using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>Refuses outcome-store batching the store cannot work with, naming the setting and what to use instead.</summary>
public sealed class OutcomeStoreOptionsValidator : IValidateOptions<OutcomeStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, OutcomeStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingChecks(OutcomeStoreOptions.Section)
            .Within(nameof(options.Concurrency), options.Concurrency, 1, 64)
            .Within(nameof(options.MaxBatchSize), options.MaxBatchSize, 1, 100_000)
            .Result;
    }
}
