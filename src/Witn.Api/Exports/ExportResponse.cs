using Witn.Abstractions.Exports;

namespace Witn.Api.Exports;

/// <summary>
/// One export as the API shows it (docs/payments.md#statuses). <see cref="Method"/> says how a credit issued after
/// finalization reached Stripe: <c>credit_note</c> or <c>next_invoice</c> (why: docs/payments.md).
/// </summary>
public sealed record ExportResponse(
    Guid Id, string Provider, string Status, string? ProviderId, int Attempts, string? LastError, string Subject, Guid SubjectId,
    DateTimeOffset CreatedAt, DateTimeOffset? ExportedAt, DateTimeOffset? NextAttemptAt, string? Method)
{
    public static ExportResponse From(ExportInfo e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.Provider, e.Status, e.ProviderId, e.Attempts, e.LastError, e.Subject, e.SubjectId, e.CreatedAt, e.ExportedAt, e.NextAttemptAt, e.Method);
    }
}
