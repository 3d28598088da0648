using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;

namespace Witn.Grains.Disputes;

/// <summary>Refuses an overdue sweep that could never run.</summary>
public sealed class DisputeOptionsValidator : IValidateOptions<DisputeOptions>
{
    public ValidateOptionsResult Validate(string? name, DisputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingChecks(DisputeOptions.Section)
            .Positive(nameof(options.OverduePollInterval), options.OverduePollInterval, "00:01:00")
            .Result;
    }
}
