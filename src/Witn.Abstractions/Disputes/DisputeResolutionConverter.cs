using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

[RegisterConverter]
public sealed class DisputeResolutionConverter : IConverter<DisputeResolution, DisputeResolutionSurrogate>
{
    public DisputeResolution ConvertFromSurrogate(in DisputeResolutionSurrogate s) => new(s.Decision, s.Amount, s.Note, s.DecidedBy, s.ApprovedBy, s.At, s.CreditId);

    public DisputeResolutionSurrogate ConvertToSurrogate(in DisputeResolution r) => new(r.Decision, r.Amount, r.Note, r.DecidedBy, r.ApprovedBy, r.At, r.CreditId);
}
