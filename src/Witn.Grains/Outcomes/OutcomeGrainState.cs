using Witn.Domain.Evaluation;
using Witn.Domain.Events;

namespace Witn.Grains.Outcomes;

/// <summary>
/// What an outcome grain persists (as JSON in the outcomes table): its events in arrival order, review decisions,
/// the pinned definition version, and its ledger references. Everything else is recomputed by the fold.
/// </summary>
public sealed record OutcomeGrainState(
    int DefinitionVersion,
    IReadOnlyList<OutcomeEvent> Events,
    IReadOnlyList<ReviewDecision> Reviews,
    Guid? ChargeId,
    decimal? ChargeAmount,
    int? ContractVersion,
    Guid? CreditId,
    DateTimeOffset? ReminderAt);
