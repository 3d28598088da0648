namespace Witn.Domain.Exports;

/// <summary>
/// The credit-after-finalization decision (docs/payments.md#credits-after-finalization) and what Stripe is told about
/// it. Pure: the exporter feeds in what it read.
/// </summary>
public static class CreditRouting
{
    /// <param name="amountMinor">The credit's stored amount (null: a tiered or percent price, valued when the next invoice is rated).</param>
    /// <param name="stripeInvoiceStatus">The status of the Stripe invoice its charge was exported on (null: that invoice was not exported).</param>
    public static (CreditMethod Method, string Why) Decide(long? amountMinor, string? stripeInvoiceStatus) => (amountMinor, stripeInvoiceStatus) switch
    {
        (null, _) => (CreditMethod.NextInvoice, "its amount is valued when the next invoice is rated (a tiered or percent price)"),
        (_, null) => (CreditMethod.NextInvoice, "the charge's invoice was not exported to Stripe"),
        (_, "open") => (CreditMethod.CreditNote, "the charge's Stripe invoice is open (unpaid): a credit note lowers what is due"),
        (_, "draft") => (CreditMethod.NextInvoice, "the charge's Stripe invoice is still a draft (auto_advance off): Stripe takes credit notes only on finalized invoices"),
        (_, var status) => (CreditMethod.NextInvoice, $"the charge's Stripe invoice is {status}: a credit note would refund or move balance, which the vendor decides"),
    };

    /// <summary>Stripe's reason for a credit note (its four values), from the credit's cause: the cause itself goes in the memo.</summary>
    public static string StripeReason(string creditReason)
    {
        ArgumentNullException.ThrowIfNull(creditReason);
        return creditReason.StartsWith("dispute", StringComparison.Ordinal) || creditReason.Contains("dispute", StringComparison.Ordinal)
            ? "product_unsatisfactory"
            : "order_change";
    }

    public static string Name(CreditMethod method) => method == CreditMethod.CreditNote ? "credit_note" : "next_invoice";
}
