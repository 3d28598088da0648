namespace Witn.Abstractions.Invoices;

/// <summary>How an invoice call ended; everything but <see cref="Ok"/> and <see cref="Created"/> is the caller's to fix.</summary>
public enum InvoiceResult
{
    Ok,
    Created,
    UnknownTenant,
    NoContract,
    NotAPeriodStart,
    NotFinalizable,
    UnknownLine,

    /// <summary>A page cursor that is no row of the line.</summary>
    UnknownAfter,
}
