using System.Text.Json;
using Witn.Abstractions.Ledger;
using Witn.Api.Ledger;

namespace Witn.Api.Webhooks;

/// <summary>
/// The body of a webhook request. <see cref="Id"/> is stable per (endpoint, outbox row): retries and replays send
/// the same id, so a receiver deduplicates by it. <see cref="Data"/> is the ledger row as the GET API renders it.
/// </summary>
public sealed record WebhookEvent(Guid Id, string Type, DateTimeOffset CreatedAt, string TenantId, object Data)
{
    public static WebhookEvent ForCharge(Guid id, string type, DateTimeOffset createdAt, ChargeInfo charge) =>
        new(id, type, createdAt, charge.TenantId, ChargeResponse.From(charge));

    public static WebhookEvent ForCredit(Guid id, string type, DateTimeOffset createdAt, CreditInfo credit) =>
        new(id, type, createdAt, credit.TenantId, CreditResponse.From(credit));

    /// <summary>A dispute is sent as the API shows it, as it was right after the change announced.</summary>
    public static WebhookEvent ForDispute(Guid id, string type, DateTimeOffset createdAt, Witn.Domain.Disputes.Dispute dispute, bool overdue)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return new(id, type, createdAt, dispute.TenantId, Disputes.DisputeResponse.From(dispute, overdue));
    }

    /// <summary>An export that failed for good or gave up retrying, as <c>GET …/invoices/{period}/exports</c> shows it.</summary>
    public static WebhookEvent ForExport(Guid id, string type, DateTimeOffset createdAt, Witn.Abstractions.Exports.ExportInfo export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return new(id, type, createdAt, export.TenantId, Exports.ExportResponse.From(export));
    }

    /// <summary>An alert's firing or resolution, as <c>GET /v1/alerts/{name}/history</c> shows it.</summary>
    public static WebhookEvent ForAlert(Guid id, string type, DateTimeOffset createdAt, Witn.Abstractions.Alerts.AlertHistoryInfo entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(id, type, createdAt, entry.TenantId, Alerts.AlertHistoryResponse.From(entry));
    }

    /// <summary>An invoice is sent as its stored document, unchanged.</summary>
    public static WebhookEvent ForInvoice(Guid id, string type, DateTimeOffset createdAt, string tenantId, string documentJson)
    {
        using var document = JsonDocument.Parse(documentJson);
        return new(id, type, createdAt, tenantId, document.RootElement.Clone());
    }

    /// <summary>The exact bytes that are sent and signed, in the API's JSON conventions (<paramref name="options"/>).</summary>
    public byte[] ToUtf8Json(JsonSerializerOptions options) => JsonSerializer.SerializeToUtf8Bytes(this, options);
}
