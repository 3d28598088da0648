using Witn.Domain.Definitions;
using Witn.Domain.Events;

namespace Witn.Domain.Evaluation;

/// <summary>
/// The lifecycle as a pure function: (definition version, events, review decisions, now) → state.
/// Arrival order and duplicates (same event id) do not matter; events of types the definition does not
/// listen to are ignored. The simulator and the grains get identical answers from it.
/// </summary>
public static class OutcomeEvaluator
{
    public static OutcomeState Evaluate(OutcomeDefinition definition, IEnumerable<OutcomeEvent> events, DateTimeOffset now, IEnumerable<ReviewDecision>? reviews = null) =>
        Evaluate(CompiledDefinition.Compile(definition), events, now, reviews);

    public static OutcomeState Evaluate(CompiledDefinition definition, IEnumerable<OutcomeEvent> events, DateTimeOffset now, IEnumerable<ReviewDecision>? reviews = null) =>
        OutcomeFold.Restore(definition, events, reviews).Evaluate(now);
}
