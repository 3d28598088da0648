namespace Witn.Domain.Exports;

/// <summary>
/// How long an export keeps trying: waits from <see cref="BaseDelay"/> doubling to <see cref="MaxDelay"/>, shortened by
/// up to <see cref="Jitter"/> of themselves, and no retry is scheduled later than <see cref="GiveUpAfter"/> after the
/// first attempt.
/// </summary>
public sealed record ExportRetryPolicy(TimeSpan BaseDelay, TimeSpan MaxDelay, double Jitter, TimeSpan GiveUpAfter)
{
    public static ExportRetryPolicy Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(30), 0.5, TimeSpan.FromDays(1));
}
