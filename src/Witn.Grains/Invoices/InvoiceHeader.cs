using Witn.Domain.Invoices;

namespace Witn.Grains.Invoices;

/// <summary>The parts of an invoice document that are not rated lines.</summary>
public sealed record InvoiceHeader(
    string TenantId,
    DateOnly PeriodStart,
    PeriodRange Period,
    string TimeZone,
    string Status,
    string? Number,
    int? ContractVersion,
    DateTimeOffset? FinalizedAt,
    DateTimeOffset GeneratedAt);
