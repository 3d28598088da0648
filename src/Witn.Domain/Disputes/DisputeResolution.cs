namespace Witn.Domain.Disputes;

/// <summary>
/// How a dispute was closed by an operator. <paramref name="Amount"/> is the credit (zero for a rejection);
/// <paramref name="ApprovedBy"/> is the second key of a four-eyes credit; <paramref name="CreditId"/> is the ledger
/// credit a credit decision issues (fixed by the dispute, so issuing it twice is one credit).
/// </summary>
public sealed record DisputeResolution(
    DisputeDecisionKind Decision,
    decimal Amount,
    string Note,
    string DecidedBy,
    string? ApprovedBy,
    DateTimeOffset At,
    Guid? CreditId);
