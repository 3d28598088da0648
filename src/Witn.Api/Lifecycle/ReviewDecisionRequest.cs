namespace Witn.Api.Lifecycle;

/// <summary>Body of a review decision: <c>approve</c> or <c>reject</c>, and why.</summary>
public sealed record ReviewDecisionRequest(string? Decision, string? Note);
