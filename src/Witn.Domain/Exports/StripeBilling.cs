namespace Witn.Domain.Exports;

/// <summary>
/// Where a tenant's finalized invoices go in Stripe: the customer, how Stripe collects (charge the saved payment method,
/// or email the invoice with <see cref="DaysUntilDue"/> to pay), and whether the Stripe invoice is finalized (and so
/// collected) as soon as it is complete.
/// </summary>
public sealed record StripeBilling(string CustomerId, StripeCollection Collection, int? DaysUntilDue, bool AutoAdvance)
{
    public const int DefaultDaysUntilDue = 30;

    public const int MaxDaysUntilDue = 365;

    /// <summary>Stripe's name of the collection method.</summary>
    public string CollectionName => Collection == StripeCollection.SendInvoice ? "send_invoice" : "charge_automatically";
}
