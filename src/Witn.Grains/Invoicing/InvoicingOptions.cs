namespace Witn.Grains.Invoicing;

/// <summary>How often each silo looks for periods to finalize automatically (<c>Witn:Invoicing:FinalizePollInterval</c>).</summary>
public sealed class InvoicingOptions
{
    public TimeSpan FinalizePollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
