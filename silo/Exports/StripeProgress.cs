namespace Witn.Silo.Exports;

/// <summary>What an invoice's Stripe export already created (stored as the export's progress): the invoice, each line's item, whether it was finalized.</summary>
public sealed record StripeProgress(string? Invoice, Dictionary<string, string> Items, bool Finalized)
{
    public static StripeProgress Empty => new(null, [], false);
}
