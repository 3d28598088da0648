using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Witn.Abstractions.Invoices;
using Witn.Domain.Money;

namespace Witn.Api.Invoices;

/// <summary>
/// The invoice as one printable HTML5 page, rendered from the same JSON document the API returns (so the page can
/// never disagree with it): a line per price ("3 ticket resolved × $2.00"), each expanding to its outcomes with their
/// evidence summaries and links. Inline CSS, no scripts; every value is HTML-encoded.
/// </summary>
public static class InvoiceHtml
{
    /// <summary>How many outcomes a line lists on the page; the rest are a link away.</summary>
    public const int ItemsPerLine = 100;

    // Printed, the expanders' summaries hide and every line's outcomes show: ::details-content is what a closed
    // <details> hides (display on the <details> itself does not open it).
    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:2rem auto;max-width:56rem;padding:0 1rem}
        header{display:flex;justify-content:space-between;align-items:flex-start;border-bottom:2px solid #1b1f24;padding-bottom:.75rem;margin-bottom:1rem}
        h1{font-size:1.6rem;margin:0}.muted{color:#57606a}
        .status{display:inline-block;padding:.05rem .5rem;border-radius:.6rem;font-weight:600;font-size:.85rem}
        .draft{background:#fff8c5;color:#7d4e00}.final{background:#dafbe1;color:#116329}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid #eaeef2}
        th{font-weight:600;border-bottom:1px solid #1b1f24}td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        tr.neg td.num{color:#cf222e}tfoot td{border-bottom:none;font-weight:600}tfoot tr.total td{font-size:1.1rem;border-top:2px solid #1b1f24}
        details{margin-top:.3rem}summary{cursor:pointer;color:#0969da}ul.items{margin:.3rem 0 0;padding-left:1.1rem;font-size:.9rem}
        ul.items li{margin:.15rem 0}a{color:#0969da;text-decoration:none}
        @media print{body{margin:0;max-width:none}details::details-content{content-visibility:visible;display:block}summary{display:none}a{color:inherit}tr{break-inside:avoid}}
        """;

    public static async Task<string> RenderAsync(string json, IInvoiceGrain grain, DateOnly periodStart)
    {
        ArgumentNullException.ThrowIfNull(grain);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var currency = root.GetProperty("currency").GetString()!;
        var status = root.GetProperty("status").GetString()!;
        var number = root.GetProperty("number").GetString();
        var tenant = root.GetProperty("tenant_id").GetString()!;
        var period = root.GetProperty("period");

        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Invoice ").Append(E(number ?? "draft")).Append(" · ").Append(E(tenant)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n<header>\n<div>\n")
            .Append("<h1>Invoice ").Append(E(number ?? "(draft)")).Append("</h1>\n")
            .Append("<div class=\"muted\">").Append(E(tenant)).Append(" · ").Append(E(root.GetProperty("period_start").GetString()!)).Append(" – ")
            .Append(E(LocalDay(period.GetProperty("end"), period.GetProperty("timezone").GetString()!))).Append(" (").Append(E(period.GetProperty("timezone").GetString()!)).Append(")</div>\n</div>\n")
            .Append("<div><span class=\"status ").Append(E(status)).Append("\">").Append(E(status)).Append("</span></div>\n</header>\n");

        h.Append("<table>\n<thead><tr><th>Item</th><th class=\"num\">Amount</th></tr></thead>\n<tbody>\n");
        foreach (var line in root.GetProperty("lines").EnumerateArray())
        {
            var amount = line.GetProperty("amount").GetString()!;
            h.Append(amount.StartsWith('-') ? "<tr class=\"neg\">" : "<tr>").Append("<td>").Append(E(Describe(line, currency)));
            if (line.TryGetProperty("charges", out var refs) || line.TryGetProperty("credits", out refs))
            {
                var count = refs.GetProperty("count").GetInt64();
                var items = await grain.GetLineItemsAsync(periodStart, line.GetProperty("line").GetInt32(), null, ItemsPerLine, summaries: true);
                h.Append("\n<details><summary>").Append(count.ToString(CultureInfo.InvariantCulture)).Append(count == 1 ? " outcome" : " outcomes")
                    .Append("</summary>\n<ul class=\"items\">\n");
                foreach (var item in items.Items)
                {
                    var chargeId = item.ChargeId ?? item.Id;
                    h.Append("<li><a href=\"/v1/charges/").Append(chargeId).Append("/evidence\">").Append(E(item.Correlation)).Append("</a>: ")
                        .Append(E(item.Summary ?? string.Empty)).Append("</li>\n");
                }

                if (count > items.Items.Length)
                {
                    h.Append("<li><a href=\"").Append(E(refs.GetProperty("href").GetString()!)).Append("\">all ")
                        .Append(count.ToString(CultureInfo.InvariantCulture)).Append(" outcomes</a></li>\n");
                }

                h.Append("</ul></details>");
            }

            h.Append("</td><td class=\"num\">").Append(E(Money(amount, currency))).Append("</td></tr>\n");
        }

        h.Append("</tbody>\n<tfoot>\n")
            .Append("<tr><td>Subtotal</td><td class=\"num\">").Append(E(Money(root.GetProperty("subtotal").GetString()!, currency))).Append("</td></tr>\n")
            .Append("<tr><td>Adjustments</td><td class=\"num\">").Append(E(Money(root.GetProperty("adjustments").GetString()!, currency))).Append("</td></tr>\n")
            .Append("<tr class=\"total\"><td>Total</td><td class=\"num\">").Append(E(Money(root.GetProperty("total").GetString()!, currency))).Append("</td></tr>\n")
            .Append("</tfoot>\n</table>\n");
        if (root.TryGetProperty("finalized_at", out var finalized) && finalized.ValueKind == JsonValueKind.String)
        {
            h.Append("<p class=\"muted\">Finalized ").Append(E(finalized.GetString()!)).Append(".</p>\n");
        }
        else
        {
            h.Append("<p class=\"muted\">Draft: the period is open and this invoice changes as outcomes settle.</p>\n");
        }

        h.Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>"3 ticket resolved × $2.00", "base fee", "credit: ticket resolved".</summary>
    private static string Describe(JsonElement line, string currency)
    {
        var kind = line.GetProperty("kind").GetString();
        var description = line.GetProperty("description").GetString()!;
        if (kind is not ("outcome" or "meter" or "unpriced"))
        {
            return description;
        }

        var quantity = line.GetProperty("quantity").GetDecimal().ToString(CultureInfo.InvariantCulture);
        var name = (line.TryGetProperty("outcome", out var o) ? o.GetString() : line.TryGetProperty("meter", out var m) ? m.GetString() : description)!.Replace('_', ' ');
        var text = new StringBuilder().Append(quantity).Append(' ').Append(name);
        if (line.TryGetProperty("bucket", out var bucket))
        {
            text.Append(" (").Append(bucket.GetString()).Append(')');
        }

        if (line.TryGetProperty("tier", out var tier))
        {
            text.Append(", tier ").Append(tier.GetInt32().ToString(CultureInfo.InvariantCulture));
        }

        if (line.GetProperty("unit_price").GetString() is { } unit)
        {
            text.Append(" × ").Append(Money(unit, currency));
        }
        else if (kind == "unpriced")
        {
            text.Append(" (not priced by the contract)");
        }

        return text.ToString();
    }

    /// <summary>
    /// "$1,234.50", "−$6.00", "1,000.00 CHF": the API's invariant amount string with its integer digits grouped in
    /// threes by commas, its decimals kept as written (no rounding, no culture: the same page on every machine).
    /// </summary>
    private static string Money(string amount, string currency)
    {
        var negative = amount.StartsWith('-');
        var digits = Grouped(negative ? amount[1..] : amount);
        var symbol = currency switch
        {
            "USD" or "CAD" or "AUD" or "NZD" or "SGD" or "HKD" or "MXN" => "$",
            "EUR" => "€",
            "GBP" => "£",
            "JPY" or "CNY" => "¥",
            _ => null,
        };
        var text = symbol is null ? $"{digits} {currency}" : symbol + digits;
        return negative ? "−" + text : text;
    }

    private static string Grouped(string digits)
    {
        var whole = digits.IndexOf('.') is var point and >= 0 ? point : digits.Length;
        if (whole <= 3 || digits.AsSpan(0, whole).ContainsAnyExceptInRange('0', '9'))
        {
            return digits;
        }

        var text = new StringBuilder(digits.Length + (whole / 3));
        for (var i = 0; i < whole; i++)
        {
            if (i > 0 && (whole - i) % 3 == 0)
            {
                text.Append(',');
            }

            text.Append(digits[i]);
        }

        return text.Append(digits.AsSpan(whole)).ToString();
    }

    // The period ends where the next one starts: that local date, exclusive.
    private static string LocalDay(JsonElement instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant.GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById(timeZone)).AddTicks(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
