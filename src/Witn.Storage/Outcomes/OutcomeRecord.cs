namespace Witn.Storage.Outcomes;

/// <summary>One outcome as stored: its queryable summary and the grain's own state as JSON text.</summary>
public sealed record OutcomeRecord(OutcomeSummary Summary, string StateJson);
