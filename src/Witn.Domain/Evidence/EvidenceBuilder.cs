using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;

namespace Witn.Domain.Evidence;

/// <summary>
/// Assembles the <see cref="EvidenceBundle"/> of one outcome from its evaluated state (<see cref="OutcomeFold.Evaluate"/>
/// at the commit instant) and its events. Pure: the same inputs give an equal bundle and the same JSON bytes, whatever
/// the order the events arrived in (they are put in event order and duplicates dropped).
/// </summary>
public static class EvidenceBuilder
{
    public static EvidenceBundle Build(
        string tenantId,
        CompiledDefinition definition,
        int definitionVersion,
        string definitionSource,
        int? contractVersion,
        OutcomeState state,
        IEnumerable<EvidenceEvent> events,
        ReviewDecision? review = null) =>
        Build(tenantId, definition.Definition, definitionVersion, definitionSource, contractVersion, state, events, review, definition);

    /// <param name="definitionSource">The text the version was published from (YAML or JSON), shown as written.</param>
    /// <param name="review">The decision behind the state; defaults to <see cref="OutcomeState.Review"/> (the one the fold took).</param>
    public static EvidenceBundle Build(
        string tenantId,
        OutcomeDefinition definition,
        int definitionVersion,
        string definitionSource,
        int? contractVersion,
        OutcomeState state,
        IEnumerable<EvidenceEvent> events,
        ReviewDecision? review = null) =>
        Build(tenantId, definition, definitionVersion, definitionSource, contractVersion, state, events, review, CompiledDefinition.Compile(definition));

    private static EvidenceBundle Build(
        string tenantId,
        OutcomeDefinition definition,
        int definitionVersion,
        string definitionSource,
        int? contractVersion,
        OutcomeState state,
        IEnumerable<EvidenceEvent> events,
        ReviewDecision? review,
        CompiledDefinition compiled)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var ordered = events
            .DistinctBy(e => e.EventId)
            .OrderBy(e => e.Timestamp.UtcTicks)
            .ThenBy(e => e.EventId.ToString("D"), StringComparer.Ordinal)
            .ToValueArray();
        var correlation = ordered
            .Select(e => compiled.CorrelationOf(e.ToOutcomeEvent(tenantId)))
            .FirstOrDefault(c => c is not null)
            ?? throw new ArgumentException("no event carries the definition's correlation property (" + definition.CorrelateBy.Text + ")", nameof(events));
        // The fold keeps the review only when review_when held; an explicit decision is kept with it for the record.
        var decision = state.Review ?? review;
        var settled = state.Status is OutcomeStatus.Settled or OutcomeStatus.Reversed ? state.CommitsAt : null;

        return new EvidenceBundle(
            tenantId,
            definition.Name,
            correlation,
            definitionVersion,
            compiled.ContentHash,
            definitionSource,
            contractVersion,
            state.Status,
            Utc(state.FirstEventAt),
            Utc(state.QualifiedAt),
            Utc(state.SettlesAt),
            Utc(settled),
            Utc(state.ExpiresAt),
            state.Value is { } v ? Literal.Normalize(v) : null,
            state.Dimensions,
            state.AttributedAgent,
            decision is null ? null : decision with { DecidedAt = decision.DecidedAt.ToUniversalTime() },
            state.VoidedBy,
            state.ReversedBy,
            EvidenceSummary.Charge(definition, state, correlation, ordered),
            EvidenceSummary.Credit(definition, state, correlation, ordered),
            OutcomeTransitions.Derive(definition, state, ordered),
            ordered,
            state.Explanation);
    }

    private static DateTimeOffset? Utc(DateTimeOffset? at) => at?.ToUniversalTime();
}
