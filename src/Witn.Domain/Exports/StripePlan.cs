using System.Globalization;

namespace Witn.Domain.Exports;

/// <summary>
/// What a finalized invoice becomes in Stripe (docs/payments.md): a draft invoice for the customer that takes no
/// pending items, one item per invoice line with an amount (lines of 0 are left out: Stripe shows nothing for them),
/// then finalization when the tenant's <c>auto_advance</c> is on. Every request is derived from the invoice alone,
/// so each retry is the same request under the same idempotency key.
/// </summary>
public static class StripePlan
{
    /// <summary>Stripe keeps metadata values to 500 characters; descriptions are cut well before that.</summary>
    public const int MaxDescription = 250;

    public const string InvoiceIdKey = "witn_invoice_id";
    public const string InvoiceNumberKey = "witn_invoice";
    public const string TenantKey = "witn_tenant";
    public const string LineKey = "witn_line";

    // Keys name the invoice, the step and the round (retries asked for by hand; 0 until then), never the attempt:
    // every automatic retry is the same request.
    public static string InvoiceKey(Guid invoiceId, int round = 0) => $"witn-invoice-{invoiceId:N}{Round(round)}";

    public static string FinalizeKey(Guid invoiceId, int round = 0) => $"witn-invoice-{invoiceId:N}{Round(round)}-finalize";

    public static string ItemKey(Guid invoiceId, int line, int round = 0) => $"witn-invoice-{invoiceId:N}{Round(round)}-line-{line.ToString(CultureInfo.InvariantCulture)}";

    private static string Round(int round) => round == 0 ? "" : $"-r{round.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The Stripe invoice's own metadata: which Witn invoice it is, to find it again by listing.</summary>
    public static IReadOnlyDictionary<string, string> InvoiceMetadata(ExportInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [InvoiceIdKey] = invoice.Id.ToString(),
            [InvoiceNumberKey] = invoice.Number,
            [TenantKey] = invoice.TenantId,
            ["witn_period"] = invoice.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    public static string CreditNoteKey(Guid creditId, int round = 0) => $"witn-credit-{creditId:N}{Round(round)}";

    /// <summary>
    /// The invoice's lines as Stripe holds them: a credit line less the credits already sent as credit notes on earlier
    /// Stripe invoices (<paramref name="creditNoted"/>: minor units by outcome), so no credit reaches the customer twice.
    /// Reconciliation compares Stripe with these.
    /// </summary>
    public static IReadOnlyList<ExportLine> Lines(ExportInvoice invoice, IReadOnlyDictionary<string, long>? creditNoted = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return [.. invoice.Lines.Select(l => l.Kind == "credit" && l.Outcome is { } o && creditNoted is not null && creditNoted.TryGetValue(o, out var noted)
            ? l with { AmountMinor = l.AmountMinor + noted }
            : l)];
    }

    /// <summary>The items, in line order.</summary>
    public static IReadOnlyList<StripeItem> Items(ExportInvoice invoice, string? evidenceBase, int round = 0, IReadOnlyDictionary<string, long>? creditNoted = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var items = new List<StripeItem>();
        foreach (var line in Lines(invoice, creditNoted).Where(l => l.AmountMinor != 0))
        {
            var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [InvoiceIdKey] = invoice.Id.ToString(),
                [InvoiceNumberKey] = invoice.Number,
                [LineKey] = line.Line.ToString(CultureInfo.InvariantCulture),
                ["witn_kind"] = line.Kind,
                ["witn_quantity"] = line.Quantity.ToString(CultureInfo.InvariantCulture),
                ["witn_rows"] = line.Rows.ToString(CultureInfo.InvariantCulture),
            };
            if (line.Outcome is { } outcome)
            {
                metadata["witn_outcome"] = outcome;
                if (line.Kind == "credit" && creditNoted is not null && creditNoted.TryGetValue(outcome, out var noted))
                {
                    metadata["witn_credit_noted_minor"] = noted.ToString(CultureInfo.InvariantCulture);
                }
            }

            if (line.EvidenceHref is { } href)
            {
                metadata["witn_evidence"] = evidenceBase is null ? href : evidenceBase.TrimEnd('/') + href;
            }

            items.Add(new StripeItem(line.Line, ItemKey(invoice.Id, line.Line, round), Describe(line), line.AmountMinor, invoice.Currency.ToLowerInvariant(), metadata));
        }

        return items;
    }

    /// <summary>What the customer reads on the Stripe invoice: "15 × ticket_resolved" for counted lines, the line's own words otherwise.</summary>
    public static string Describe(ExportLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Kind is "outcome" or "meter" or "unpriced"
            ? $"{line.Quantity.ToString("0.############", CultureInfo.InvariantCulture)} × {line.Description}"
            : line.Description;
        return text.Length > MaxDescription ? text[..MaxDescription] : text;
    }
}
