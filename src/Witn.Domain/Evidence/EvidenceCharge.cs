namespace Witn.Domain.Evidence;

/// <summary>What the ledger charged (or credited) for the outcome, shown on the evidence page; <see cref="Reference"/> is e.g. the charge id.</summary>
public sealed record EvidenceCharge(decimal Amount, string Currency, string? Reference = null);
