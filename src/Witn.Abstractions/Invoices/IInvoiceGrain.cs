namespace Witn.Abstractions.Invoices;

/// <summary>
/// A tenant's invoices (key: tenant id). Periods are named by their local start date in the contract's time zone.
/// A draft is rated live from the ledger's running totals on every read; a final invoice is the stored document.
/// </summary>
[Alias("witn.invoices.invoice")]
public interface IInvoiceGrain : IGrainWithStringKey
{
    [Alias("list")]
    Task<InvoiceList> ListAsync();

    [Alias("get")]
    Task<InvoiceReply> GetAsync(DateOnly periodStart);

    /// <summary>Freezes the period's invoice (idempotent: a final invoice is returned as it is).</summary>
    [Alias("finalize")]
    Task<InvoiceReply> FinalizeAsync(DateOnly periodStart);

    /// <summary>
    /// A page of the rows behind line <paramref name="line"/> (0-based) of the period's invoice: at most
    /// <paramref name="limit"/> after the row <paramref name="after"/> (a charge or credit id; null for the first page).
    /// </summary>
    [Alias("line-items")]
    Task<LineItems> GetLineItemsAsync(DateOnly periodStart, int line, Guid? after, int limit, bool summaries);
}
