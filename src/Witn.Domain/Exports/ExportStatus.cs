namespace Witn.Domain.Exports;

/// <summary>
/// Where an export stands: pending (to do, or retrying), exported (the provider holds it), failed (the provider
/// refused it for good: a 4xx other than 429; fix and retry), dead (transient failures for longer than the retry
/// limit; retry when the provider is back).
/// </summary>
public enum ExportStatus
{
    Pending,
    Exported,
    Failed,
    Dead,
}
