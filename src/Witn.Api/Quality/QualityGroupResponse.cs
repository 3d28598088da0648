namespace Witn.Api.Quality;

/// <summary>One group (by definition, by agent, or by agent and version; neither for an ungrouped answer) and its intervals that hold any count, in time order.</summary>
public sealed record QualityGroupResponse(string? Definition, QualityAgentResponse? Agent, IReadOnlyList<QualityFiguresResponse> Intervals);
