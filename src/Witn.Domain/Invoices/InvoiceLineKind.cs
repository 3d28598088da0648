namespace Witn.Domain.Invoices;

/// <summary>What an invoice line is for; the first four make up the subtotal, the rest are adjustments.</summary>
public enum InvoiceLineKind
{
    BaseFee,
    Outcome,

    /// <summary>Charges committed without a price: amount 0, listed so the gap in the contract is visible.</summary>
    Unpriced,
    Meter,

    /// <summary>Brings one outcome down to its price's <c>max_per_period</c>.</summary>
    OutcomeCap,

    /// <summary>Brings all outcome lines down to the contract's <c>cap.max_per_period</c>.</summary>
    Cap,

    /// <summary>Tops the period up to <c>minimum_commit</c>.</summary>
    MinimumCommit,
    Credit,
}
