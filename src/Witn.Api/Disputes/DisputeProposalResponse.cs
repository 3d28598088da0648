using Witn.Domain.Disputes;
using Witn.Domain.Money;

namespace Witn.Api.Disputes;

/// <summary>A credit above the tenant's approval limit, waiting for a second admin key (four eyes).</summary>
public sealed record DisputeProposalResponse(string Amount, string Note, string ProposedBy, DateTimeOffset At)
{
    public static DisputeProposalResponse From(DisputeProposal p, string currency)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(MoneyFormat.Text(p.Amount, currency), p.Note, p.ProposedBy, p.At);
    }
}
