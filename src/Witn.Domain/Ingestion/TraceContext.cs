namespace Witn.Domain.Ingestion;

/// <summary>
/// W3C trace context of an event, as lowercase hex: a 32-digit trace id, 16-digit span ids. Kept for
/// evidence only: it is not part of the event's content (a retry under a new trace is still a duplicate).
/// </summary>
public sealed record TraceContext(string TraceId, string? SpanId = null, string? ParentSpanId = null);
