using Microsoft.Extensions.Options;
using Witn.Abstractions.Settings;

namespace Witn.Grains.Tenants;

/// <summary>Refuses clock-advance settings an advance cannot work with, naming the setting and what to use instead.</summary>
public sealed class TenantClockOptionsValidator : IValidateOptions<TenantClockOptions>
{
    // Orleans' grain-call timeout: an advance that ticks longer than this times out at its caller.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, TenantClockOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = new SettingChecks(TenantClockOptions.Section)
            .Positive(nameof(options.CatchUpTimeout), options.CatchUpTimeout, "00:00:15")
            .Positive(nameof(options.CatchUpPoll), options.CatchUpPoll, "00:00:00.010")
            .Positive(nameof(options.TimeSlice), options.TimeSlice, "00:00:08")
            .Within(nameof(options.TickBatch), options.TickBatch, 1, 100_000)
            .Within(nameof(options.TickConcurrency), options.TickConcurrency, 1, 10_000)
            .Within(nameof(options.MaxRounds), options.MaxRounds, 1, 1_000_000);
        if (options.TimeSlice >= CallTimeout)
        {
            checks.Fail($"{checks.Key(nameof(options.TimeSlice))} is {options.TimeSlice}; use less than Orleans' 30 s call timeout, such as 00:00:08");
        }

        return checks.Result;
    }
}
