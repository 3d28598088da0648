namespace Witn.Domain.Disputes;

/// <summary>
/// A refused dispute command: the field at fault (a body member name, or "" for the dispute as a whole), what is
/// wrong, and how to fix it. <paramref name="Existing"/> is the open dispute a second opening collided with.
/// </summary>
public sealed record DisputeRefusal(DisputeRefusalKind Kind, string Field, string Detail, string Fix, Dispute? Existing = null);
