namespace Witn.Api.Outcomes;

/// <summary>
/// The answer of <c>POST /v1/outcomes/evaluate</c>: the definition used (<c>version</c> is null for an inline one),
/// the clock, one outcome per correlation value (as the engine would create them), and where each event went.
/// </summary>
public sealed record EvaluateResponse(
    string Name,
    int? Version,
    string ContentHash,
    string CorrelateBy,
    IReadOnlyList<string> ListenedTypes,
    DateTimeOffset? Now,
    IReadOnlyList<EvaluatedOutcomeResponse> Outcomes,
    IReadOnlyList<EventRoutingResponse> Events);
