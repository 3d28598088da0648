namespace Witn.Api.OperatorConsole;

/// <summary>One outcome waiting in review, as the queue lists it.</summary>
public sealed record ConsoleReviewRow(string Definition, string Correlation, string Summary, DateTimeOffset? QualifiedAt, int Events);
