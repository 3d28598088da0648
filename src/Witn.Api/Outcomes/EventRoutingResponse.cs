namespace Witn.Api.Outcomes;

/// <summary>
/// Where the event at <c>index</c> went: <c>correlation_value</c> of its outcome, or null with <c>skipped</c>
/// (<c>not_listened</c>, <c>no_correlation_value</c>, <c>duplicate</c>).
/// </summary>
public sealed record EventRoutingResponse(int Index, Guid EventId, string IdempotencyKey, string Type, string? CorrelationValue, string? Skipped);
