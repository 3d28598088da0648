using Witn.Domain.Contracts;
using Witn.Domain.Invoices;

namespace Witn.Grains.Invoices;

/// <summary>
/// One period rated as its draft invoice: the contract whose period terms apply (<see cref="Header"/>, version
/// <see cref="HeaderVersion"/>), the usage, meters and credits the rater took, and what it made of them.
/// </summary>
public sealed record PeriodRating(
    BillingPeriod Billing,
    PeriodRange Range,
    DateOnly LocalStart,
    Contract Header,
    int? HeaderVersion,
    IReadOnlyList<OutcomeUsage> Outcomes,
    IReadOnlyList<MeterUsage> Meters,
    IReadOnlyList<CreditUsage> Credits,
    RatedInvoice Rated);
