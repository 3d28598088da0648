using System.Globalization;
using System.Text;
using System.Text.Json;
using Witn.Domain.Common;
using Witn.Domain.Invoices;
using Witn.Domain.Money;

namespace Witn.Grains.Invoices;

/// <summary>
/// The invoice document: one writer for drafts and finals, so a final invoice is exactly what its last draft
/// would have shown plus its number. Amounts are strings in the currency's decimals, like every API amount.
/// </summary>
public static class InvoiceJson
{
    /// <summary>Lines with more rows than this list a link to page them instead of inline ids.</summary>
    public const int InlineIds = 100;

    public static string Write(InvoiceHeader header, RatedInvoice invoice, IReadOnlyList<InvoiceLineRefs?> refs)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(refs);
        var currency = invoice.Currency;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            var periodKey = header.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            w.WriteStartObject();
            w.WriteString("tenant_id", header.TenantId);
            w.WriteString("period_start", periodKey);
            w.WriteStartObject("period");
            w.WriteString("start", Instants.Iso(header.Period.Start));
            w.WriteString("end", Instants.Iso(header.Period.End));
            w.WriteString("timezone", header.TimeZone);
            w.WriteEndObject();
            w.WriteString("status", header.Status);
            if (header.Number is { } number)
            {
                w.WriteString("number", number);
            }
            else
            {
                w.WriteNull("number");
            }

            w.WriteString("currency", currency);
            if (header.ContractVersion is { } version)
            {
                w.WriteNumber("contract_version", version);
            }
            else
            {
                w.WriteNull("contract_version");
            }

            w.WriteStartArray("lines");
            for (var i = 0; i < invoice.Lines.Count; i++)
            {
                var line = invoice.Lines[i];
                w.WriteStartObject();
                w.WriteNumber("line", i);
                w.WriteString("kind", Kind(line.Kind));
                w.WriteString("description", line.Description);
                Optional(w, "outcome", line.Outcome);
                Optional(w, "meter", line.Meter);
                Optional(w, "bucket", line.Bucket);
                if (line.Tier is { } tier)
                {
                    w.WriteNumber("tier", tier);
                }

                if (line.ContractVersion is { } lineVersion)
                {
                    w.WriteNumber("contract_version", lineVersion);
                }

                w.WriteNumber("quantity", line.Quantity);
                if (line.UnitPrice is { } unit)
                {
                    w.WriteString("unit_price", MoneyFormat.UnitPrice(unit, currency));
                }
                else
                {
                    w.WriteNull("unit_price");
                }

                w.WriteString("amount", MoneyFormat.Text(line.Amount, currency));
                if (i < refs.Count && refs[i] is { } r)
                {
                    w.WriteStartObject(r.Kind);
                    w.WriteNumber("count", r.Count);
                    if (r.Items is { } items)
                    {
                        w.WriteStartArray("ids");
                        foreach (var item in items)
                        {
                            w.WriteStringValue(item.Id);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteString("href", $"/v1/tenants/{Uri.EscapeDataString(header.TenantId)}/invoices/{periodKey}/lines/{i}/items");
                    w.WriteEndObject();
                    if (r.Disputes is { } disputed)
                    {
                        w.WriteStartObject("disputed");
                        w.WriteNumber("open", disputed.Open);
                        w.WriteString("amount", MoneyFormat.Text(disputed.Amount, currency));
                        w.WriteEndObject();
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("subtotal", MoneyFormat.Text(invoice.Subtotal, currency));
            w.WriteString("adjustments", MoneyFormat.Text(invoice.Adjustments, currency));
            w.WriteString("total", MoneyFormat.Text(invoice.Total, currency));
            if (header.FinalizedAt is { } finalized)
            {
                w.WriteString("finalized_at", Instants.Iso(finalized));
            }
            else
            {
                w.WriteNull("finalized_at");
                w.WriteString("generated_at", Instants.Iso(header.GeneratedAt));
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The snake_case name of a line kind, as the document and the API write it.</summary>
    public static string Kind(InvoiceLineKind kind) => kind switch
    {
        InvoiceLineKind.BaseFee => "base_fee",
        InvoiceLineKind.Outcome => "outcome",
        InvoiceLineKind.Unpriced => "unpriced",
        InvoiceLineKind.Meter => "meter",
        InvoiceLineKind.OutcomeCap => "outcome_cap",
        InvoiceLineKind.Cap => "cap",
        InvoiceLineKind.MinimumCommit => "minimum_commit",
        InvoiceLineKind.Credit => "credit",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown invoice line kind"),
    };

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
