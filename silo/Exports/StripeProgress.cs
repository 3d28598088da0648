namespace Witn.Silo.Exports;

/// <summary>
/// What an invoice's Stripe export already created (stored as the export's progress): the invoice, each line's item,
/// whether it was finalized, and the tenant's Stripe settings as the first attempt read them — every retry sends
/// the same bodies under the same keys, whatever the tenant's settings say since.
/// </summary>
public sealed record StripeProgress(string? Invoice, Dictionary<string, string> Items, bool Finalized, Witn.Domain.Exports.StripeBilling? Billing = null)
{
    public static StripeProgress Empty => new(null, [], false);
}
