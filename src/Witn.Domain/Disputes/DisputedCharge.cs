namespace Witn.Domain.Disputes;

/// <summary>
/// The facts about a charge a dispute decision needs: its amount, how much of it is already credited (by any
/// cause), and the hash of its evidence bundle as stored.
/// </summary>
public sealed record DisputedCharge(
    Guid Id,
    string TenantId,
    string Outcome,
    string Correlation,
    decimal Amount,
    string Currency,
    decimal Credited,
    string EvidenceSha256);
