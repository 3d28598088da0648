using Witn.Domain.Disputes;
using Witn.Storage.Ledger;

namespace Witn.Storage.Disputes;

/// <summary>
/// One change to a dispute, to commit atomically: the dispute after it, the version it replaces (0: a new dispute),
/// what changed and who changed it (for the history), whether it is overdue now, the webhook event types to send
/// (<see cref="DisputeNotifications"/>), and the ledger credit it issues, if any.
/// </summary>
public sealed record DisputeWrite(
    Dispute Dispute,
    int ExpectedVersion,
    string Change,
    string Actor,
    bool Overdue,
    IReadOnlyList<string> Notifications,
    NewCredit? Credit = null);
