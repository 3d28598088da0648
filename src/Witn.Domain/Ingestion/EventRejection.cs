namespace Witn.Domain.Ingestion;

/// <summary>
/// Why one event was not accepted: a stable machine <see cref="Code"/> (<see cref="RejectionCodes"/>), the
/// field as the sender named it (<c>type</c>, <c>trace.span_id</c>, <c>data.items[2]</c>; empty for the whole
/// event) and a message that says what is wrong and how to fix it. Messages are stable too (docs/events.md).
/// </summary>
public sealed record EventRejection(string Code, string Field, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
