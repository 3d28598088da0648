using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;

namespace Witn.Grains.Outcomes;

/// <summary>Refuses outcome grain settings Orleans would refuse later, at the first reminder.</summary>
public sealed class OutcomeGrainOptionsValidator : IValidateOptions<OutcomeGrainOptions>
{
    public ValidateOptionsResult Validate(string? name, OutcomeGrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new SettingChecks(OutcomeGrainOptions.Section);
        if (options.ReminderPeriod < OutcomeGrainOptions.MinReminderPeriod || options.ReminderPeriod > TimeSpan.FromDays(1))
        {
            checks.Fail($"{checks.Key(nameof(options.ReminderPeriod))} is {options.ReminderPeriod}; use 00:01:00 (Orleans' shortest reminder period) to 1.00:00:00, such as 00:05:00");
        }

        return checks.Result;
    }
}
