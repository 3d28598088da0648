using Orleans.Concurrency;
using Witn.Abstractions.Exports;
using Witn.Storage.Exports;

namespace Witn.Grains.Exports;

/// <summary>Export status and retries for the API; the exports table is the state.</summary>
[StatelessWorker, Reentrant]
public sealed class ExportGrain(ExportStore store) : Grain, IExportGrain
{
    public async Task<ExportInfo[]> ForInvoiceAsync(string tenantId, DateOnly periodStart) =>
        await store.FindInvoiceAsync(tenantId, periodStart) is { } invoiceId
            ? [.. (await store.ListForInvoiceAsync(invoiceId)).Select(ExportInfos.From)]
            : [];

    public async Task<ExportRetryReply> RetryAsync(string tenantId, DateOnly periodStart, string provider)
    {
        if (await store.FindInvoiceAsync(tenantId, periodStart) is not { } invoiceId)
        {
            return new ExportRetryReply(false, 0, []);
        }

        var retried = await store.RetryAsync(invoiceId, provider);
        return new ExportRetryReply(true, retried, [.. (await store.ListForInvoiceAsync(invoiceId)).Where(e => e.Provider == provider).Select(ExportInfos.From)]);
    }
}
