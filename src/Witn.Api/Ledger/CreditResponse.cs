using Witn.Abstractions.Ledger;
using Witn.Domain.Money;

namespace Witn.Api.Ledger;

/// <summary>
/// A credit on the wire: its amount is negative (it takes the charge back), as a string in the currency's decimals.
/// A <c>dispute</c> credit names its dispute (<c>dispute_id</c>, <c>dispute</c>); other credits have null there.
/// </summary>
public sealed record CreditResponse(
    Guid Id, Guid ChargeId, string TenantId, string Reason, DateTimeOffset CreatedAt, string? Currency, string? Amount, string Charge, Guid? DisputeId, string? Dispute)
{
    public static CreditResponse From(CreditInfo c) =>
        new(c.Id, c.ChargeId, c.TenantId, c.Reason, c.CreatedAt, c.Currency, MoneyFormat.Text(-c.Amount, c.Currency), $"/v1/charges/{c.ChargeId}",
            c.DisputeId, c.DisputeId is { } d ? $"/v1/disputes/{d}" : null);
}
