using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

[RegisterConverter]
public sealed class DisputeProposalConverter : IConverter<DisputeProposal, DisputeProposalSurrogate>
{
    public DisputeProposal ConvertFromSurrogate(in DisputeProposalSurrogate s) => new(s.Amount, s.Note, s.ProposedBy, s.At);

    public DisputeProposalSurrogate ConvertToSurrogate(in DisputeProposal p) => new(p.Amount, p.Note, p.ProposedBy, p.At);
}
