using System.Text.Json;
using Witn.Abstractions.Outcomes;
using Witn.Api.Outcomes;
using Witn.Domain.Evaluation;

namespace Witn.Api.Lifecycle;

/// <summary>
/// One outcome of a tenant: its key, status, summary, transitions, events, full evaluated state and its charges
/// (<see cref="ChargeId"/> and <see cref="CreditId"/> are the latest charge and its credit).
/// </summary>
public sealed record OutcomeInstanceResponse(
    string TenantId,
    string Definition,
    string Correlation,
    int DefinitionVersion,
    int? ContractVersion,
    OutcomeStatus Status,
    DateTimeOffset Now,
    string Summary,
    Guid? ChargeId,
    Guid? CreditId,
    TransitionView[] Transitions,
    OutcomeEventResponse[] Events,
    OutcomeStateResponse State,
    OutcomeChargeResponse[] Charges)
{
    public static OutcomeInstanceResponse From(OutcomeView v)
    {
        var state = JsonSerializer.Deserialize<OutcomeState>(v.StateJson)!;
        return new(
            v.TenantId,
            v.Definition,
            v.Correlation,
            v.DefinitionVersion,
            v.ContractVersion,
            state.Status,
            v.Now,
            v.Summary,
            v.ChargeId,
            v.CreditId,
            v.Transitions,
            [.. v.Events.Select(OutcomeEventResponse.From)],
            OutcomeStateResponse.From(state),
            [.. (v.Charges ?? []).Select(OutcomeChargeResponse.From)]);
    }
}
