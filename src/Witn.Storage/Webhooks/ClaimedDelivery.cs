namespace Witn.Storage.Webhooks;

/// <summary>
/// A delivery this sender holds until its lease ends: everything needed to build, sign and send the request.
/// <see cref="Attempt"/> counts this send; <see cref="LeaseToken"/> proves the claim when the result is recorded.
/// </summary>
public sealed record ClaimedDelivery(
    Guid Id,
    Guid LeaseToken,
    int Attempt,
    string Url,
    string Secret,
    string EventType,
    string OutboxKind,
    Guid OutboxRef,
    string TenantId,
    DateTimeOffset OutboxCreatedAt);
