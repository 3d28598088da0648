namespace Witn.Grains.Invoices;

/// <summary>How often each silo looks for periods to finalize automatically (<c>Witn:Invoices:FinalizePollInterval</c>).</summary>
public sealed class InvoiceOptions
{
    public TimeSpan FinalizePollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
