using Witn.Domain.Exports;

namespace Witn.Storage.Exports;

/// <summary>An export as the API lists it.</summary>
public sealed record ExportRow(
    Guid Id,
    string Provider,
    string Subject,
    Guid SubjectId,
    string TenantId,
    ExportStatus Status,
    int Attempts,
    string? ProviderId,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExportedAt,
    DateTimeOffset NextAttemptAt,
    string? Method);
