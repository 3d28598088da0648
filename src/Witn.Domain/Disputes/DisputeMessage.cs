namespace Witn.Domain.Disputes;

/// <summary>One message in a dispute's append-only thread. <paramref name="Author"/> names the writer (a key id or the portal).</summary>
public sealed record DisputeMessage(DisputeAuthor Kind, string Author, string Text, DateTimeOffset At);
