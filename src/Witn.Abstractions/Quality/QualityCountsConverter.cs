using Witn.Domain.Quality;

namespace Witn.Abstractions.Quality;

[RegisterConverter]
public sealed class QualityCountsConverter : IConverter<QualityCounts, QualityCountsSurrogate>
{
    public QualityCounts ConvertFromSurrogate(in QualityCountsSurrogate s) => new(
        s.Opened, s.Qualified, s.InReview, s.Settled, s.Voided, s.Expired, s.Rejected, s.Reversed, s.Charges, s.UnpricedCharges,
        s.EvidenceComplete, s.CreditedCharges, s.Credits, s.DisputedCharges, s.Disputes, s.EventsReceived, s.Duplicates, s.Conflicts);

    public QualityCountsSurrogate ConvertToSurrogate(in QualityCounts c) => new(
        c.Opened, c.Qualified, c.InReview, c.Settled, c.Voided, c.Expired, c.Rejected, c.Reversed, c.Charges, c.UnpricedCharges,
        c.EvidenceComplete, c.CreditedCharges, c.Credits, c.DisputedCharges, c.Disputes, c.EventsReceived, c.Duplicates, c.Conflicts);
}
