using Witn.Domain.Events;

namespace Witn.Abstractions.Outcomes;

/// <summary>
/// One outcome as the read API shows it. The domain's <c>OutcomeState</c> travels as its System.Text.Json form
/// (as in <see cref="EvaluatedOutcome"/>); events in event-time order. <see cref="ChargeId"/> and
/// <see cref="CreditId"/> are the latest charge and its credit; <see cref="Charges"/> all of them, in sequence order.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.view")]
public sealed record OutcomeView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Definition,
    [property: Id(2)] string Correlation,
    [property: Id(3)] int DefinitionVersion,
    [property: Id(4)] int? ContractVersion,
    [property: Id(5)] DateTimeOffset Now,
    [property: Id(6)] string StateJson,
    [property: Id(7)] OutcomeEvent[] Events,
    [property: Id(8)] TransitionView[] Transitions,
    [property: Id(9)] Guid? ChargeId,
    [property: Id(10)] Guid? CreditId,
    [property: Id(11)] string Summary,
    [property: Id(12)] Witn.Abstractions.Ledger.OutcomeChargeInfo[]? Charges = null);
