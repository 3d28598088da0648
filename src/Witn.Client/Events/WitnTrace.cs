namespace Witn.Client.Events;

/// <summary>W3C trace context of an event (hex ids).</summary>
public sealed record WitnTrace(string TraceId, string? SpanId = null, string? ParentSpanId = null);
