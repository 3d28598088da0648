namespace Witn.Abstractions.Invoices;

/// <summary>
/// One ledger row behind an invoice line: a charge (<see cref="ChargeId"/> null) or a credit of
/// <see cref="ChargeId"/>, with its outcome, correlation, time and evidence summary (or credit reason).
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.invoices.line-item")]
public sealed record LineItemInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid? ChargeId,
    [property: Id(2)] string Outcome,
    [property: Id(3)] string Correlation,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Summary);
