namespace Witn.Abstractions.Ingestion;

/// <summary>Ingestion for .NET agents connected through the Orleans gateway (a local stateless worker on each silo).</summary>
[Alias("witn.ingestion.ingest")]
public interface IIngestGrain : IGrainWithIntegerKey
{
    /// <summary>The same envelope and content type as <c>POST /v1/events</c>, as UTF-8 JSON.</summary>
    [Alias("ingest")]
    Task<IngestReply> IngestAsync(byte[] body, string contentType, string? traceparent);
}
