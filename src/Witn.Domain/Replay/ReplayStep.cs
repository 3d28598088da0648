using Witn.Domain.Settlement;

namespace Witn.Domain.Replay;

/// <summary>
/// One ledger row replay would have written: a charge (its place in the outcome's charges, its terms and the
/// instants the ledger records) or a credit (of the charge at <see cref="Sequence"/>, with its cause), at the moment
/// the decision was taken.
/// </summary>
public sealed record ReplayStep(
    SettlementStepKind Kind,
    int Sequence,
    ChargeTerms Terms,
    CreditCause? Cause,
    ReplayClock At,
    DateTimeOffset? QualifiedAt,
    DateTimeOffset? SettlesAt);
