namespace Witn.Api.Outcomes;

/// <summary>A review decision (<c>approve</c> or <c>reject</c>); applies to every outcome unless <c>correlation_value</c> names one.</summary>
public sealed record EvaluateReview(string? Verdict, string? DecidedAt, string? DecidedBy, string? Note, string? CorrelationValue);
