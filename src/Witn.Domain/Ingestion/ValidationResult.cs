using System.Diagnostics.CodeAnalysis;

namespace Witn.Domain.Ingestion;

/// <summary>Either an event ready for the log or why it is rejected (never both).</summary>
public sealed record ValidationResult(ValidatedEvent? Event, EventRejection? Rejection)
{
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsValid => Event is not null;

    public static ValidationResult Valid(ValidatedEvent e) => new(e, null);

    public static ValidationResult Rejected(EventRejection rejection) => new(null, rejection);
}
