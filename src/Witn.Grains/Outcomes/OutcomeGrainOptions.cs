namespace Witn.Grains.Outcomes;

public sealed record OutcomeGrainOptions
{
    /// <summary>
    /// How often a live outcome's reminder repeats after its due moment until the outcome no longer needs it
    /// (a failed ledger commit is retried at this pace). Orleans refuses periods below its minimum (1 minute).
    /// </summary>
    public TimeSpan ReminderPeriod { get; init; } = TimeSpan.FromMinutes(1);
}
