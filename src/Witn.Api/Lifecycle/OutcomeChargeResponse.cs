using Witn.Abstractions.Ledger;
using Witn.Domain.Money;

namespace Witn.Api.Lifecycle;

/// <summary>One of an outcome's charges, in sequence order, with the credit that took it back (null while it stands).</summary>
public sealed record OutcomeChargeResponse(Guid Id, int Sequence, string? Amount, string? Currency, Guid? CreditId, string Charge)
{
    public static OutcomeChargeResponse From(OutcomeChargeInfo c) =>
        new(c.Id, c.Sequence, MoneyFormat.Text(c.Amount, c.Currency), c.Currency, c.CreditId, $"/v1/charges/{c.Id}");
}
