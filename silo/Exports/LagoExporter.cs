using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Witn.Domain.Exports;
using Witn.Storage.Exports;
using Witn.Storage.Tenants;

namespace Witn.Silo.Exports;

/// <summary>
/// Hands a settled charge to Lago as one usage event (<c>POST /api/v1/events</c>) whose <c>transaction_id</c> is the
/// charge id: Lago refuses a second event with the same id (422), which this exporter takes as "Lago already holds it",
/// so a retry after a lost answer or a crash never counts a charge twice.
/// </summary>
public sealed class LagoExporter(PaymentProviders providers, ExportStore store, TenantStore tenants, ExportRateGate gate, HttpClient http)
{
    public async Task<string> ExportChargeAsync(ClaimedExport export, CancellationToken cancellationToken)
    {
        var (url, key) = Connection();
        var charge = await store.GetChargeAsync(export.SubjectId, cancellationToken) ?? throw new ExportRefusedException($"charge {export.SubjectId} is not in the ledger");
        var billing = (await tenants.GetAsync(export.TenantId, cancellationToken))?.Lago
            ?? throw new ExportRefusedException($"tenant {export.TenantId} has no lago settings any more: set them with PUT /v1/tenants/{export.TenantId}, then retry");
        var properties = new JsonObject
        {
            ["witn_outcome"] = charge.Outcome,
            ["witn_correlation"] = charge.Correlation,
        };
        if (charge.AmountMinor is { } minor)
        {
            properties["amount_minor"] = minor.ToString(CultureInfo.InvariantCulture);
            properties["currency"] = charge.Currency;
        }

        if (charge.Value is { } value)
        {
            properties["value"] = value.ToString(CultureInfo.InvariantCulture);
        }

        var body = new JsonObject
        {
            ["event"] = new JsonObject
            {
                ["transaction_id"] = charge.Id.ToString(),
                ["external_customer_id"] = billing.ExternalCustomerId,
                ["code"] = charge.Outcome,
                ["timestamp"] = charge.SettlesAt.ToUnixTimeSeconds(),
                ["properties"] = properties,
            },
        };
        await gate.WaitAsync(ExportProvider.Lago, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "api/v1/events")) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return LagoId(text) ?? charge.Id.ToString();
        }

        if (response.StatusCode == HttpStatusCode.UnprocessableEntity && text.Contains("value_already_exist", StringComparison.Ordinal) && text.Contains("transaction_id", StringComparison.Ordinal))
        {
            return charge.Id.ToString(); // an earlier attempt's event: Lago holds it once
        }

        throw new ProviderHttpException((int)response.StatusCode, response.Headers.RetryAfter?.Delta, $"Lago answered HTTP {(int)response.StatusCode}: {Shorten(text)}");
    }

    /// <summary>The event Lago holds for a charge (null: none), for reconciliation: its amount property in minor units.</summary>
    public async Task<(bool Found, long? AmountMinor, string? Currency)> GetEventAsync(Guid chargeId, CancellationToken cancellationToken)
    {
        var (url, key) = Connection();
        await gate.WaitAsync(ExportProvider.Lago, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, $"api/v1/events/{Uri.EscapeDataString(chargeId.ToString())}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (false, null, null);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderHttpException((int)response.StatusCode, response.Headers.RetryAfter?.Delta, $"Lago answered HTTP {(int)response.StatusCode}: {Shorten(text)}");
        }

        var props = JsonNode.Parse(text)?["event"]?["properties"];
        var amount = props?["amount_minor"]?.GetValue<string>() is { } a && long.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var m) ? m : (long?)null;
        return (true, amount, props?["currency"]?.GetValue<string>());
    }

    private (Uri Url, string Key) Connection() =>
        providers is { LagoApiUrl: { } url, LagoApiKey: { } key }
            ? (new Uri(url.ToString().TrimEnd('/') + "/"), key.Use())
            : throw new ExportRefusedException("the cluster has no Lago connection: start the silos with WITN_LAGO_API_URL and WITN_LAGO_API_KEY, then retry the export");

    private static string? LagoId(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["event"]?["lago_id"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
