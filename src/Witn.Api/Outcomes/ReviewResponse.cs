using Witn.Domain.Evaluation;

namespace Witn.Api.Outcomes;

/// <summary>The review decision that counted.</summary>
public sealed record ReviewResponse(ReviewVerdict Verdict, DateTimeOffset DecidedAt, string? DecidedBy, string? Note);
