using System.Globalization;
using System.Text;
using System.Text.Json;
using Witn.Abstractions.Invoices;
using Witn.Domain.Tenants;

namespace Witn.Api.Pages;

/// <summary>
/// What the invoice page shows, read from the same JSON document the API returns (so the page never disagrees with
/// it), plus who is billed (the tenant's name) and the tenant's zone for its times.
/// </summary>
public sealed record InvoiceView(
    string TenantId,
    string BillTo,
    string? Number,
    string Status,
    string Currency,
    DateOnly PeriodStart,
    DateOnly PeriodLastDay,
    string BillingZone,
    IReadOnlyList<InvoiceLineView> Lines,
    decimal Subtotal,
    decimal Total,
    DateTimeOffset? FinalizedAt,
    DateTimeOffset? GeneratedAt,
    NodaTime.DateTimeZone Zone)
{
    /// <summary>How many outcomes a line lists on the page; the rest are a link away.</summary>
    public const int ItemsPerLine = 100;

    public static async Task<InvoiceView> LoadAsync(string json, IInvoiceGrain grain, DateOnly periodStart, Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(tenant);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var currency = root.GetProperty("currency").GetString()!;
        var period = root.GetProperty("period");
        var billingZone = period.GetProperty("timezone").GetString()!;
        var lines = new List<InvoiceLineView>();
        foreach (var line in root.GetProperty("lines").EnumerateArray())
        {
            long? count = null;
            IReadOnlyList<InvoiceItemView> items = [];
            string? allItems = null;
            if (line.TryGetProperty("charges", out var refs) || line.TryGetProperty("credits", out refs))
            {
                count = refs.GetProperty("count").GetInt64();
                var listed = await grain.GetLineItemsAsync(periodStart, line.GetProperty("line").GetInt32(), null, ItemsPerLine, summaries: true);
                items = [.. listed.Items.Select(i => new InvoiceItemView(i.ChargeId ?? i.Id, i.Correlation, i.Summary ?? string.Empty))];
                allItems = count > items.Count ? refs.GetProperty("href").GetString() : null;
            }

            var (disputed, disputedAmount) = line.TryGetProperty("disputed", out var d) ? (d.GetProperty("open").GetInt32(), Amount(d, "amount")) : (0, 0m);
            lines.Add(new InvoiceLineView(Describe(line, currency), Amount(line, "amount"), count, items, allItems, line.GetProperty("line").GetInt32(), disputed, disputedAmount));
        }

        // The period ends where the next one starts: its last local day is the day before that start.
        var end = PageTime.In(period.GetProperty("end").GetDateTimeOffset(), PageTime.Zone(billingZone)).AddTicks(-1);
        return new InvoiceView(
            root.GetProperty("tenant_id").GetString()!,
            tenant.Name,
            root.GetProperty("number").GetString(),
            root.GetProperty("status").GetString()!,
            currency,
            periodStart,
            DateOnly.FromDateTime(end.DateTime),
            billingZone,
            lines,
            Amount(root, "subtotal"),
            Amount(root, "total"),
            Instant(root, "finalized_at"),
            Instant(root, "generated_at"),
            PageTime.Zone(tenant.TimeZone));
    }

    /// <summary>"3 ticket resolved × $2.00", "base fee", "credit: ticket_resolved".</summary>
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
            text.Append(" × ").Append(MoneyText.UnitPrice(decimal.Parse(unit, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), currency));
        }
        else if (kind == "unpriced")
        {
            text.Append(" (not priced by the contract)");
        }

        return text.ToString();
    }

    private static decimal Amount(JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString()!, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static DateTimeOffset? Instant(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;
}
