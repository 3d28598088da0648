namespace Witn.Domain.Invoicing;

/// <summary>One billing period as UTC instants: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
public sealed record PeriodRange(DateTimeOffset Start, DateTimeOffset End);
