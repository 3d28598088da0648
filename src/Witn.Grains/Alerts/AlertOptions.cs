namespace Witn.Grains.Alerts;

/// <summary>How often each silo evaluates live tenants' alert rules (<c>Witn:Alerts:EvaluateInterval</c>), checked at startup by <see cref="AlertOptionsValidator"/>.</summary>
public sealed class AlertOptions
{
    public const string Section = "Witn:Alerts";

    public TimeSpan EvaluateInterval { get; set; } = TimeSpan.FromMinutes(1);
}
