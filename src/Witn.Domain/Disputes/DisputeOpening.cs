namespace Witn.Domain.Disputes;

/// <summary>A request to dispute a charge, as read from its body (the reason still as text, to be checked here).</summary>
public sealed record DisputeOpening(Guid Id, string? Reason, string? Message, decimal? Amount, string Author);
