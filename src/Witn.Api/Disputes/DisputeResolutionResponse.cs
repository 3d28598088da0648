using Witn.Domain.Disputes;
using Witn.Domain.Money;

namespace Witn.Api.Disputes;

/// <summary>How a dispute was decided: the decision, the ledger credit it issued (if any) and its amount, why, and by which keys.</summary>
public sealed record DisputeResolutionResponse(string Decision, Guid? CreditId, string Amount, string Note, string DecidedBy, string? ApprovedBy, DateTimeOffset At)
{
    public static DisputeResolutionResponse From(DisputeResolution r, string currency)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(DisputeNames.Of(r.Decision), r.CreditId, MoneyFormat.Text(r.Amount, currency), r.Note, r.DecidedBy, r.ApprovedBy, r.At);
    }
}
