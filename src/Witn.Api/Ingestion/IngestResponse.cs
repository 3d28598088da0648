using Witn.Domain.Ingestion;

namespace Witn.Api.Ingestion;

/// <summary>The 202 body of <c>POST /v1/events</c>: one result per event, in request order.</summary>
public sealed record IngestResponse(IReadOnlyList<EventResult> Results);
