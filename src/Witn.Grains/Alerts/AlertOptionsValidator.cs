using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;

namespace Witn.Grains.Alerts;

/// <summary>Refuses an alert evaluation that could never run.</summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SettingChecks(AlertOptions.Section)
            .Positive(nameof(options.EvaluateInterval), options.EvaluateInterval, "00:01:00")
            .Result;
    }
}
