using System.Text.Json;
using Witn.Abstractions.Ledger;
using Witn.Api.Outcomes;
using Witn.Domain.Evidence;
using Witn.Domain.Money;

namespace Witn.Api.Ledger;

/// <summary>
/// A charge on the wire: amounts as strings in the currency's decimals; null where the invoice rates it.
/// <see cref="Unpriced"/>: the contract in force (if any) has no price for the outcome, so the charge has no currency.
/// <see cref="Sequence"/>: its place among the outcome's charges (1 unless the outcome was re-issued or charged again).
/// </summary>
public sealed record ChargeResponse(
    Guid Id,
    string TenantId,
    string Outcome,
    int DefinitionVersion,
    string Correlation,
    DateTimeOffset QualifiedAt,
    DateTimeOffset SettlesAt,
    DateTimeOffset CommittedAt,
    AgentResponse? Agent,
    JsonElement Dimensions,
    string? Value,
    int? ContractVersion,
    string? Currency,
    string? UnitPrice,
    string? Amount,
    bool Unpriced,
    string Summary,
    string Evidence,
    int Sequence)
{
    public static ChargeResponse From(ChargeInfo c) => new(
        c.Id,
        c.TenantId,
        c.Outcome,
        c.DefinitionVersion,
        c.Correlation,
        c.QualifiedAt,
        c.SettlesAt,
        c.CommittedAt,
        c.AgentId is null ? null : new AgentResponse(c.AgentId, c.AgentVersion),
        JsonDocument.Parse(c.DimensionsJson).RootElement.Clone(),
        c.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        c.ContractVersion,
        c.Currency,
        MoneyFormat.UnitPrice(c.UnitPrice, c.Currency),
        MoneyFormat.Text(c.Amount, c.Currency),
        c.Currency is null,
        EvidenceJson.SummaryOf(c.EvidenceJson),
        $"/v1/charges/{c.Id}/evidence",
        c.Sequence);
}
