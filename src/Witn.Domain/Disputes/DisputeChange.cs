namespace Witn.Domain.Disputes;

/// <summary>
/// What an accepted dispute command does: the dispute after it, the webhook event types to send
/// (<see cref="DisputeNotifications"/>), and the credit to issue to the ledger, if any (its id is
/// <see cref="DisputeRules.CreditIdOf"/> of the dispute).
/// </summary>
public sealed record DisputeChange(Dispute Dispute, IReadOnlyList<string> Notifications, decimal? Credit = null);
