namespace Witn.Grains.Disputes;

/// <summary>How often each silo looks for live tenants' overdue disputes (<c>Witn:Disputes:OverduePollInterval</c>), checked at startup by <see cref="DisputeOptionsValidator"/>.</summary>
public sealed class DisputeOptions
{
    public const string Section = "Witn:Disputes";

    public TimeSpan OverduePollInterval { get; set; } = TimeSpan.FromMinutes(1);
}
