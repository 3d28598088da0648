using Witn.Domain.Events;

namespace Witn.Storage.Outcomes;

/// <summary>
/// One outcome as stored: its queryable summary and the grain's own state as JSON text. <see cref="Opener"/> is the
/// agent of the first event the outcome received: it names the outcome's quality cell when the row is first
/// written (docs/quality.md) and is not read back.
/// </summary>
public sealed record OutcomeRecord(OutcomeSummary Summary, string StateJson, AgentRef? Opener = null);
