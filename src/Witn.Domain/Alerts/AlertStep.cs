namespace Witn.Domain.Alerts;

/// <summary>The series after a reading, what to announce, and whether the reading was outside (null: it could not be judged).</summary>
public sealed record AlertStep(AlertSeries Series, AlertTransition Transition, bool? Outside);
