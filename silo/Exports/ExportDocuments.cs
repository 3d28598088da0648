using System.Globalization;
using System.Text.Json;
using Witn.Domain.Exports;
using Witn.Storage.Invoices;

namespace Witn.Silo.Exports;

/// <summary>Reads a finalized invoice's stored document into what exporters and reconciliation hand on: the lines exactly as the customer sees them.</summary>
public static class ExportDocuments
{
    public static ExportInvoice Read(FinalInvoiceRow invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        using var doc = JsonDocument.Parse(invoice.Document);
        var root = doc.RootElement;
        var currency = root.GetProperty("currency").GetString()!;
        var lines = new List<ExportLine>();
        foreach (var line in root.GetProperty("lines").EnumerateArray())
        {
            var amount = decimal.Parse(line.GetProperty("amount").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
            int rows = 0;
            string? href = null;
            foreach (var refs in new[] { "charges", "credits" })
            {
                if (line.TryGetProperty(refs, out var r) && r.ValueKind == JsonValueKind.Object)
                {
                    rows = r.GetProperty("count").GetInt32();
                    href = r.TryGetProperty("href", out var h) ? h.GetString() : null;
                }
            }

            lines.Add(new ExportLine(
                line.GetProperty("line").GetInt32(),
                line.GetProperty("kind").GetString()!,
                line.GetProperty("description").GetString()!,
                line.TryGetProperty("outcome", out var o) ? o.GetString() : null,
                line.GetProperty("quantity").GetDecimal(),
                Witn.Storage.Ledger.Money.ToMinorUnits(amount, currency),
                rows,
                href));
        }

        var period = DateOnly.ParseExact(root.GetProperty("period_start").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ExportInvoice(invoice.Id, invoice.TenantId, invoice.Number, period, currency, invoice.TotalMinor, lines);
    }
}
