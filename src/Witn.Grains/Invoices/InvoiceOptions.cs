namespace Witn.Grains.Invoices;

/// <summary>How often each silo looks for periods to finalize automatically (<c>Witn:Invoices:FinalizePollInterval</c>), checked at startup by <see cref="InvoiceOptionsValidator"/>.</summary>
public sealed class InvoiceOptions
{
    public const string Section = "Witn:Invoices";

    public TimeSpan FinalizePollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
