using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;

namespace Witn.Grains.Telemetry;

/// <summary>Refuses telemetry settings that would not bound the series, naming the setting and what to use instead.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingChecks(TelemetryOptions.Section)
            .Within(nameof(options.MaxTenants), options.MaxTenants, 1, 10_000)
            .Result;
    }
}
