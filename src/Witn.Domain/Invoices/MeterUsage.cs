using Witn.Domain.Contracts;

namespace Witn.Domain.Invoices;

/// <summary>A meter's quantity in a period, already aggregated from its events by the caller.</summary>
public sealed record MeterUsage(Meter Meter, decimal Quantity);
