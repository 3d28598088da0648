using System.Text.RegularExpressions;
using Witn.Domain.Tenants;

namespace Witn.Domain.Exports;

/// <summary>
/// Turns a tenant's <c>stripe</c> and <c>lago</c> objects into its export settings, collecting every error: each
/// given object updates the current settings field by field, and a customer id of "none" (or "") removes them.
/// </summary>
public static partial class BillingRules
{
    public const int MaxCustomerIdLength = 255;

    public static StripeBilling? Stripe(StripeBillingSpec? spec, StripeBilling? current, List<TenantError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (spec is null)
        {
            return current;
        }

        if (spec.CustomerId is "" or "none")
        {
            return null;
        }

        var customer = spec.CustomerId ?? current?.CustomerId;
        if (customer is null)
        {
            errors.Add(new TenantError("stripe.customer_id", "stripe needs customer_id", "give the Stripe customer's id, e.g. \"cus_NffrFeUfNV2Hib\" (Stripe dashboard → Customers)"));
            return current;
        }

        if (!StripeCustomer().IsMatch(customer))
        {
            errors.Add(new TenantError("stripe.customer_id", $"'{Shorten(customer)}' is not a Stripe customer id", "use the customer's id as Stripe shows it: \"cus_\" and letters and digits, e.g. \"cus_NffrFeUfNV2Hib\""));
        }

        var collection = current?.Collection ?? StripeCollection.ChargeAutomatically;
        switch (spec.Collection)
        {
            case null:
                break;
            case "charge_automatically":
                collection = StripeCollection.ChargeAutomatically;
                break;
            case "send_invoice":
                collection = StripeCollection.SendInvoice;
                break;
            default:
                errors.Add(new TenantError("stripe.collection", $"'{Shorten(spec.Collection)}' is not a collection method", "use charge_automatically (charge the saved payment method) or send_invoice (email the invoice)"));
                break;
        }

        int? days = collection == StripeCollection.SendInvoice ? spec.DaysUntilDue ?? current?.DaysUntilDue ?? StripeBilling.DefaultDaysUntilDue : null;
        if (spec.DaysUntilDue is { } given)
        {
            if (collection != StripeCollection.SendInvoice)
            {
                errors.Add(new TenantError("stripe.days_until_due", "days_until_due applies only to send_invoice", "leave days_until_due out, or set \"collection\": \"send_invoice\""));
            }
            else if (given is < 0 or > StripeBilling.MaxDaysUntilDue)
            {
                errors.Add(new TenantError("stripe.days_until_due", $"days_until_due is {given}", $"use 0 to {StripeBilling.MaxDaysUntilDue} days"));
            }
        }

        var autoAdvance = spec.AutoAdvance ?? current?.AutoAdvance ?? true;
        return new StripeBilling(customer, collection, days, autoAdvance);
    }

    public static LagoBilling? Lago(LagoBillingSpec? spec, LagoBilling? current, List<TenantError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (spec is null)
        {
            return current;
        }

        switch (spec.ExternalCustomerId)
        {
            case "" or "none":
                return null;
            case null:
                if (current is null)
                {
                    errors.Add(new TenantError("lago.external_customer_id", "lago needs external_customer_id", "give the Lago customer's external id, e.g. \"acme\""));
                }

                return current;
            case { Length: > MaxCustomerIdLength } long_:
                errors.Add(new TenantError("lago.external_customer_id", $"external_customer_id is {long_.Length} characters long", $"use at most {MaxCustomerIdLength}"));
                return current;
            case var id when id.Any(char.IsControl):
                errors.Add(new TenantError("lago.external_customer_id", "external_customer_id has control characters", "use the id exactly as Lago shows it"));
                return current;
            default:
                return new LagoBilling(spec.ExternalCustomerId);
        }
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex("^cus_[A-Za-z0-9]{1,250}$", RegexOptions.CultureInvariant)]
    private static partial Regex StripeCustomer();
}
