using Witn.Abstractions.Outcomes;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Evidence;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>
/// An outcome's evidence bundle as the grain uses it: the bundle (serialized only for the ledger), the summary a
/// reader sees (the credit's summary once reversed), and the transitions for the read API.
/// </summary>
public sealed record OutcomeEvidence(EvidenceBundle Bundle, string Summary, TransitionView[] Transitions)
{
    public string Json => EvidenceJson.Write(Bundle);

    public static OutcomeEvidence Build(
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
        return new OutcomeEvidence(bundle, summary, [.. bundle.Transitions.Select(t => new TransitionView(t.State, t.At, t.Reason))]);
    }
}
