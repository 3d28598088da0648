namespace Witn.Domain.Evaluation;

/// <summary>
/// A manual decision on an outcome waiting in review. It counts from <see cref="DecidedAt"/> on (so replays at an
/// earlier clock ignore it), and the first decision is final.
/// </summary>
public sealed record ReviewDecision(ReviewVerdict Verdict, DateTimeOffset DecidedAt, string? DecidedBy = null, string? Note = null);
