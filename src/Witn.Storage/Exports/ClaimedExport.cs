namespace Witn.Storage.Exports;

/// <summary>
/// An export this exporter holds until its lease ends. <see cref="Attempt"/> counts this attempt; <see cref="Progress"/>
/// is the JSON of what earlier attempts already created at the provider; <see cref="Round"/> counts retries asked for by hand; <see cref="LeaseToken"/> proves the claim.
/// </summary>
public sealed record ClaimedExport(
    Guid Id,
    Guid LeaseToken,
    string Provider,
    string Subject,
    Guid SubjectId,
    string TenantId,
    int Attempt,
    DateTimeOffset FirstAttemptAt,
    string Progress,
    string? ProviderId,
    int Round);
