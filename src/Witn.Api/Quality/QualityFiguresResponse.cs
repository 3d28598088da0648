using Witn.Abstractions.Quality;
using Witn.Domain.Money;
using Witn.Domain.Quality;

namespace Witn.Api.Quality;

/// <summary>
/// The figures of one group over one interval [from, to) (docs/quality.md). Outcome counts are of the outcomes
/// opened in the interval (by their first event's day) that ever reached each status; rates are four decimals, null
/// without a whole: conversion = settled / opened, void and review rates over qualified, dispute, credit and
/// evidence completeness over charges, duplicate suppression over events received. Event figures are null where events
/// cannot be placed (grouped or filtered by definition: events are counted before they are routed).
/// </summary>
public sealed record QualityFiguresResponse(
    DateTimeOffset? From,
    DateTimeOffset? To,
    long Opened,
    long Qualified,
    long InReview,
    long Settled,
    long Voided,
    long Expired,
    long Rejected,
    long Reversed,
    decimal? ConversionRate,
    QualityCompletionResponse TimeToBillableCompletion,
    decimal? VoidRate,
    decimal? ReviewRate,
    long Charges,
    long DisputedCharges,
    long Disputes,
    decimal? DisputeRate,
    long CreditedCharges,
    long Credits,
    decimal? CreditRate,
    IReadOnlyList<QualityMoneyResponse> CreditedAmounts,
    long UnpricedCharges,
    long EvidenceCompleteCharges,
    decimal? EvidenceCompleteness,
    long? EventsReceived,
    long? Duplicates,
    decimal? DuplicateSuppressionRate,
    long? Conflicts)
{
    public static QualityFiguresResponse Of(QualityGroup g, DateTimeOffset? from, DateTimeOffset? to, bool eventsPlaced)
    {
        ArgumentNullException.ThrowIfNull(g);
        var c = g.Counts;
        return new(
            from, to,
            c.Opened, c.Qualified, c.InReview, c.Settled, c.Voided, c.Expired, c.Rejected, c.Reversed,
            c.Rate(QualityFigure.Conversion),
            QualityCompletionResponse.From(g.CompletionBuckets, g.CompletionOutcomes),
            c.Rate(QualityFigure.Void),
            c.Rate(QualityFigure.Review),
            c.Charges, c.DisputedCharges, c.Disputes, c.Rate(QualityFigure.Dispute),
            c.CreditedCharges, c.Credits, c.Rate(QualityFigure.Credit),
            [.. g.Credited.Select(a => new QualityMoneyResponse(MoneyFormat.Text(a.Amount, a.Currency), a.Currency))],
            c.UnpricedCharges, c.EvidenceComplete, c.Rate(QualityFigure.EvidenceCompleteness),
            eventsPlaced ? c.EventsReceived : null,
            eventsPlaced ? c.Duplicates : null,
            eventsPlaced ? c.Rate(QualityFigure.DuplicateSuppression) : null,
            eventsPlaced ? c.Conflicts : null);
    }
}
