namespace Witn.Domain.Exports;

/// <summary>Stripe's collection methods: charge the customer's saved payment method, or send the invoice to be paid.</summary>
public enum StripeCollection
{
    ChargeAutomatically,
    SendInvoice,
}
