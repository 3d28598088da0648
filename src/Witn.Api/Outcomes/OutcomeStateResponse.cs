using Witn.Domain.Evaluation;

namespace Witn.Api.Outcomes;

/// <summary>The lifecycle state of one outcome (see docs/outcome-language.md, "The clock").</summary>
public sealed record OutcomeStateResponse(
    OutcomeStatus Status,
    int EventCount,
    DateTimeOffset? FirstEventAt,
    DateTimeOffset? QualifiedAt,
    Guid? QualifiedBy,
    DateTimeOffset? SettlesAt,
    DateTimeOffset? CommitsAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? NextDueAt,
    decimal? Value,
    IReadOnlyDictionary<string, string?> Dimensions,
    AgentResponse? AttributedAgent,
    IReadOnlyList<Guid> VoidedBy,
    IReadOnlyList<Guid> ReversedBy,
    ReviewResponse? Review,
    ExplanationResponse Explanation)
{
    public static OutcomeStateResponse From(OutcomeState s) =>
        new(s.Status, s.EventCount, s.FirstEventAt, s.QualifiedAt, s.QualifiedBy, s.SettlesAt, s.CommitsAt, s.ExpiresAt, s.NextDueAt, s.Value,
            s.Dimensions.ToDictionary(d => d.Path, d => d.Value, StringComparer.Ordinal),
            s.AttributedAgent is { } a ? new AgentResponse(a.Id, a.Version) : null,
            [.. s.VoidedBy], [.. s.ReversedBy],
            s.Review is { } r ? new ReviewResponse(r.Verdict, r.DecidedAt, r.DecidedBy, r.Note) : null,
            new ExplanationResponse(
                ExplanationNodeResponse.From(s.Explanation.Qualify),
                s.Explanation.ReviewWhen is { } review ? ExplanationNodeResponse.From(review) : null,
                s.Explanation.ReverseOn is { } reverse ? ExplanationNodeResponse.From(reverse) : null));
}
