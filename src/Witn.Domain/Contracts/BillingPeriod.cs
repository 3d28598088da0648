namespace Witn.Domain.Contracts;

/// <summary>
/// When billing periods start: every month on <see cref="AnchorDay"/> (1–28, so every month has the day) or every
/// week on ISO weekday <see cref="AnchorDay"/> (1 = Monday … 7 = Sunday), at 00:00 in <see cref="TimeZone"/> (IANA).
/// </summary>
public sealed record BillingPeriod(BillingInterval Every, int AnchorDay, string TimeZone)
{
    /// <summary>What a contract without <c>billing_period</c> uses: calendar months in UTC.</summary>
    public static BillingPeriod Default { get; } = new(BillingInterval.Month, 1, "UTC");
}
