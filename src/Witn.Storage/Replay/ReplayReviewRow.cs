using Witn.Domain.Evaluation;

namespace Witn.Storage.Replay;

/// <summary>A recorded review decision of one outcome.</summary>
public sealed record ReplayReviewRow(string Definition, string Correlation, ReviewDecision Decision, DateTimeOffset RecordedAt);
