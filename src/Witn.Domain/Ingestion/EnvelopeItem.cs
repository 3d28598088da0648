using System.Diagnostics.CodeAnalysis;

namespace Witn.Domain.Ingestion;

/// <summary>One event of a request, at <see cref="Index"/> in request order: parsed, or rejected (never both).</summary>
public sealed record EnvelopeItem(int Index, ParsedEvent? Event, EventRejection? Rejection)
{
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsParsed => Event is not null;
}
