namespace Witn.Api.Outcomes;

/// <summary>The three condition trees as evaluated.</summary>
public sealed record ExplanationResponse(ExplanationNodeResponse Qualify, ExplanationNodeResponse? ReviewWhen, ExplanationNodeResponse? ReverseOn);
