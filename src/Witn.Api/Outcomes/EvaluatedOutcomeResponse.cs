namespace Witn.Api.Outcomes;

/// <summary>One outcome: its correlation value and its lifecycle state at <c>now</c>.</summary>
public sealed record EvaluatedOutcomeResponse(string CorrelationValue, OutcomeStateResponse State);
