namespace Witn.Domain.Settlement;

/// <summary>The next thing to do to the ledger for one outcome; see <see cref="SettlementDecision.Next"/>.</summary>
public readonly record struct SettlementStep(SettlementStepKind Kind, int Sequence = 0, Guid ChargeId = default, CreditCause Cause = default)
{
    public static SettlementStep None => default;

    public static SettlementStep Charge(int sequence) => new(SettlementStepKind.Charge, Sequence: sequence);

    public static SettlementStep Credit(Guid chargeId, CreditCause cause) => new(SettlementStepKind.Credit, ChargeId: chargeId, Cause: cause);

    public bool IsNone => Kind == SettlementStepKind.None;
}
