using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

[RegisterConverter]
public sealed class DisputeConverter : IConverter<Dispute, DisputeSurrogate>
{
    public Dispute ConvertFromSurrogate(in DisputeSurrogate s) =>
        new(s.Id, s.TenantId, s.ChargeId, s.Outcome, s.Correlation, s.Status, s.Reason, s.Amount, s.Currency, s.OpenedAt, s.AckDueBy, s.ResolveDueBy,
            s.EvidenceSha256, s.Thread, s.AcknowledgedAt, s.Proposal, s.Resolution, s.OverdueNotifiedAt);

    public DisputeSurrogate ConvertToSurrogate(in Dispute d) =>
        new(d.Id, d.TenantId, d.ChargeId, d.Outcome, d.Correlation, d.Status, d.Reason, d.Amount, d.Currency, d.OpenedAt, d.AckDueBy, d.ResolveDueBy,
            d.EvidenceSha256, [.. d.Thread], d.AcknowledgedAt, d.Proposal, d.Resolution, d.OverdueNotifiedAt);
}
