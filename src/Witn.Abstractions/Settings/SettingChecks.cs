using System.Globalization;
using Microsoft.Extensions.Options;

namespace Witn.Abstractions.Settings;

/// <summary>
/// Collects what is wrong with one configuration section, each failure naming the setting, the value found and a
/// value to use instead ("Witn:DueSweep:Interval is 00:00:00; use a positive duration such as 00:00:15").
/// Every options validator writes its failures through this, so they all read alike.
/// </summary>
public sealed class SettingChecks(string section)
{
    private readonly List<string> _failures = [];

    /// <summary>The setting's configuration key (its environment variable replaces ':' with '__').</summary>
    public string Key(string setting) => $"{section}:{setting}";

    public SettingChecks Positive(string setting, TimeSpan value, string example) =>
        value > TimeSpan.Zero ? this : Fail($"{Key(setting)} is {value}; use a positive duration such as {example}");

    public SettingChecks NotNegative(string setting, TimeSpan value, string example) =>
        value >= TimeSpan.Zero ? this : Fail($"{Key(setting)} is {value}; use zero or a positive duration such as {example}");

    public SettingChecks Within(string setting, int value, int min, int max) =>
        value >= min && value <= max ? this : Fail(string.Create(CultureInfo.InvariantCulture, $"{Key(setting)} is {value}; use {min} to {max}"));

    /// <summary>Adds a failure that needs its own words (it should still name the setting, the value and a fix).</summary>
    public SettingChecks Fail(string failure)
    {
        _failures.Add(failure);
        return this;
    }

    public ValidateOptionsResult Result => _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);
}
