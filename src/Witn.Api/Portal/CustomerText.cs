using Witn.Abstractions.Disputes;
using Witn.Abstractions.Invoices;
using Witn.Abstractions.Ledger;
using Witn.Api.Ledger;
using Witn.Api.Pages;

namespace Witn.Api.Portal;

/// <summary>
/// What the portal lists about a charge (its correlation, its evidence summary) as its evidence page shows them: a
/// definition's <c>redact:</c> values are an agent's data about the customer's customers, so they must not reappear
/// on an invoice line or a dispute after the evidence page hid them. One per request: charges and the paths of each
/// definition version are looked up once.
/// </summary>
public sealed class CustomerText(IGrainFactory grains)
{
    private readonly Dictionary<Guid, (string Correlation, string? Summary)> charges = [];

    /// <summary>The customer's correlation and summary of charge <paramref name="chargeId"/>; the given text when nothing of it is redacted.</summary>
    public async Task<(string Correlation, string? Summary)> OfChargeAsync(Guid chargeId, string correlation, string? summary)
    {
        if (charges.TryGetValue(chargeId, out var known))
        {
            return known;
        }

        var charge = await grains.GetGrain<ILedgerQueryGrain>(0).GetChargeAsync(chargeId);
        var text = (correlation, summary);
        if (charge is not null)
        {
            var view = await ChargeEvidence.CustomerViewAsync(grains, charge);
            if (!view.Redactions.IsEmpty)
            {
                text = (view.Bundle.Correlation, view.Bundle.Summary);
            }
        }
        else
        {
            // A listed charge that cannot be read is not shown with its own words: there is nothing to redact them by.
            text = ("redacted", null);
        }

        charges[chargeId] = text;
        return text;
    }

    /// <summary>A line's outcomes: a charge row takes its charge's text; a credit row (its reason) keeps its summary.</summary>
    public async Task<IReadOnlyList<LineItemInfo>> OfItemsAsync(IEnumerable<LineItemInfo> items)
    {
        var shown = new List<LineItemInfo>();
        foreach (var item in items)
        {
            var (correlation, summary) = await OfChargeAsync(item.ChargeId ?? item.Id, item.Correlation, item.Summary);
            shown.Add(item with { Correlation = correlation, Summary = item.ChargeId is null ? summary : item.Summary });
        }

        return shown;
    }

    /// <summary>An invoice's inline outcomes, as <see cref="OfItemsAsync"/>.</summary>
    public async Task<InvoiceView> OfInvoiceAsync(InvoiceView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var lines = new List<InvoiceLineView>();
        foreach (var line in view.Lines)
        {
            var items = new List<InvoiceItemView>();
            foreach (var item in line.Items)
            {
                var (correlation, summary) = await OfChargeAsync(item.ChargeId, item.Correlation, item.Summary);
                items.Add(item with { Correlation = correlation, Summary = summary ?? string.Empty });
            }

            lines.Add(line with { Items = items });
        }

        return view with { Lines = lines };
    }

    /// <summary>A dispute names its charge's correlation: shown as the charge's evidence page shows it.</summary>
    public async Task<DisputeView> OfDisputeAsync(DisputeView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var (correlation, _) = await OfChargeAsync(view.Dispute.ChargeId, view.Dispute.Correlation, null);
        return view with { Dispute = view.Dispute with { Correlation = correlation } };
    }
}
