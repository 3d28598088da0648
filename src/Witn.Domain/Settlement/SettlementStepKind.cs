namespace Witn.Domain.Settlement;

public enum SettlementStepKind
{
    /// <summary>The ledger already holds what the outcome's evaluation says it should.</summary>
    None,

    /// <summary>Commit a charge at <see cref="SettlementStep.Sequence"/> with the outcome's current terms.</summary>
    Charge,

    /// <summary>Credit <see cref="SettlementStep.ChargeId"/> in full.</summary>
    Credit,
}
