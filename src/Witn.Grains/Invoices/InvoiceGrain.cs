using Orleans.Concurrency;
using Witn.Abstractions.Invoices;

namespace Witn.Grains.Invoices;

/// <summary>
/// Thin: the tenant's invoices through <see cref="Invoicer"/>. Stateless and local on every silo: a draft is rated
/// from the database's running totals on each read, and finalization is serialized by the database's row lock on
/// the period, not by this activation.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class InvoiceGrain(Invoicer invoicer) : Grain, IInvoiceGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public Task<InvoiceList> ListAsync() => invoicer.ListAsync(TenantId);

    public Task<InvoiceReply> GetAsync(DateOnly periodStart) => invoicer.GetAsync(TenantId, periodStart);

    public Task<InvoiceReply> FinalizeAsync(DateOnly periodStart) => invoicer.FinalizeAsync(TenantId, periodStart);

    public Task<LineItems> GetLineItemsAsync(DateOnly periodStart, int line, Guid? after, int limit, bool summaries) =>
        invoicer.GetLineItemsAsync(TenantId, periodStart, line, after, limit, summaries);
}
