using Witn.Domain.Ingestion;

namespace Witn.Client.Http;

/// <summary>The 202 body of <c>POST /v1/events</c>.</summary>
internal sealed record IngestResultsBody(EventResult[] Results);
