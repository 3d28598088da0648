namespace Witn.Client.Events;

/// <summary>
/// One event as an agent sends it (the native envelope of <c>POST /v1/events</c>). <see cref="Properties"/> is
/// any JSON-serializable object: an anonymous object, a dictionary, a record or a <c>JsonElement</c>.
/// </summary>
public sealed record WitnEvent(
    string TenantId,
    string Type,
    DateTimeOffset Timestamp,
    object? Properties = null,
    string? IdempotencyKey = null,
    WitnAgent? Agent = null,
    WitnTrace? Trace = null);
