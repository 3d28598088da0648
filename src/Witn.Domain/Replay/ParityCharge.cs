using Witn.Domain.Settlement;

namespace Witn.Domain.Replay;

/// <summary>
/// One charge of an outcome as a parity check sees it, on either side (replay or ledger): its place, terms and
/// invoice period, and its lifecycle credit's cause (<see cref="CreditCauses"/> names) and period, if credited.
/// </summary>
public sealed record ParityCharge(int Sequence, ChargeTerms Terms, DateTimeOffset? Period, string? CreditCause, DateTimeOffset? CreditPeriod);
