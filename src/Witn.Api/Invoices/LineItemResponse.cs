using System.Text.Json.Serialization;
using Witn.Abstractions.Invoices;

namespace Witn.Api.Invoices;

/// <summary>One charge or credit behind an invoice line, with links to it and its evidence.</summary>
public sealed record LineItemResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("charge_id")] Guid ChargeId,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("correlation")] string Correlation,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("evidence")] string Evidence)
{
    public static LineItemResponse From(LineItemInfo i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var charge = i.ChargeId ?? i.Id;
        return new(i.Id, i.ChargeId is null ? "charge" : "credit", charge, i.Outcome, i.Correlation, i.At, i.Summary, $"/v1/charges/{charge}/evidence");
    }
}
