namespace Witn.Grains.Outcomes;

/// <summary>Outcome grains' settings (<c>Witn:Outcomes</c>), checked at startup by <see cref="OutcomeGrainOptionsValidator"/>.</summary>
public sealed class OutcomeGrainOptions
{
    public const string Section = "Witn:Outcomes";

    /// <summary>Orleans refuses reminder periods below a minute.</summary>
    public static readonly TimeSpan MinReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a live outcome's reminder repeats after its due moment until the outcome no longer needs it
    /// (a failed ledger commit is retried at this pace). Orleans refuses periods below its minimum (1 minute).
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
