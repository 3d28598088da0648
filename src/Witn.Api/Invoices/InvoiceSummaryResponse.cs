using System.Globalization;
using System.Text.Json.Serialization;
using Witn.Abstractions.Invoices;

namespace Witn.Api.Invoices;

/// <summary>One period in the invoice list.</summary>
public sealed record InvoiceSummaryResponse(
    [property: JsonPropertyName("period_start")] string PeriodStart,
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("end")] DateTimeOffset End,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("number")] string? Number,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("total")] string Total,
    [property: JsonPropertyName("href")] string Href)
{
    public static InvoiceSummaryResponse From(string tenant, InvoiceSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var key = s.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new(key, s.Start, s.End, s.Status, s.Number, s.Currency, s.Total, $"/v1/tenants/{tenant}/invoices/{key}");
    }
}
