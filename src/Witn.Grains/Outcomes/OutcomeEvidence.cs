using Witn.Abstractions.Outcomes;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Evidence;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>An outcome's evidence bundle as the grain stores and shows it: the JSON, the summary, the transitions.</summary>
public static class OutcomeEvidence
{
    public static (string Json, string Summary, IReadOnlyList<TransitionView> Transitions) Build(
        string tenantId,
        CompiledDefinition definition,
        DefinitionVersionRow version,
        int? contractVersion,
        OutcomeState state,
        IReadOnlyList<OutcomeEvent> events)
    {
        var bundle = EvidenceBuilder.Build(
            tenantId,
            definition,
            version.Version,
            version.SourceText,
            contractVersion,
            state,
            events.Select(e => EvidenceEvent.From(e, e.ReceivedAt)));
        var summary = state.Status == OutcomeStatus.Reversed && bundle.CreditSummary is { } credit ? credit : bundle.Summary;
        return (EvidenceJson.Write(bundle), summary, [.. bundle.Transitions.Select(t => new TransitionView(t.State, t.At, t.Reason))]);
    }
}
