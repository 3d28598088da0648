using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Settlement;

namespace Witn.Grains.Outcomes;

/// <summary>
/// What an outcome grain persists (as JSON in the outcomes table): its events in arrival order, review decisions,
/// the pinned definition version, the charges it holds in the ledger, and the latest clock it was evaluated at
/// (an outcome's clock never goes back, even on another silo whose clock lags).
/// Everything else is recomputed by the fold. <see cref="ChargeId"/>, <see cref="ChargeAmount"/> and
/// <see cref="CreditId"/> are the one charge of rows written before outcomes could hold several (read, never written).
/// </summary>
public sealed record OutcomeGrainState(
    int DefinitionVersion,
    IReadOnlyList<OutcomeEvent> Events,
    IReadOnlyList<ReviewDecision> Reviews,
    Guid? ChargeId,
    decimal? ChargeAmount,
    int? ContractVersion,
    Guid? CreditId,
    DateTimeOffset? ReminderAt,
    IReadOnlyList<HeldCharge>? Charges = null,
    DateTimeOffset? EvaluatedAt = null);
