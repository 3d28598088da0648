namespace Witn.Abstractions.Exports;

/// <summary>Export status and retries for the API (stateless: the exports table is the state).</summary>
[Alias("witn.exports.export-grain")]
public interface IExportGrain : IGrainWithIntegerKey
{
    /// <summary>The exports of a tenant's finalized invoice of the period starting on <paramref name="periodStart"/> (empty for a draft).</summary>
    [Alias("for-invoice")]
    Task<ExportInfo[]> ForInvoiceAsync(string tenantId, DateOnly periodStart);

    /// <summary>Makes that invoice's failed and dead exports to <paramref name="provider"/> due again.</summary>
    [Alias("retry")]
    Task<ExportRetryReply> RetryAsync(string tenantId, DateOnly periodStart, string provider);
}
