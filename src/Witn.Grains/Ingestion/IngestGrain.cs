using Orleans.Concurrency;
using Witn.Abstractions.Ingestion;
using Witn.Domain.Ingestion;

namespace Witn.Grains.Ingestion;

/// <summary>The Orleans gateway's door to ingestion: a local stateless worker over the same pipeline as HTTP.</summary>
[StatelessWorker]
public sealed class IngestGrain(IIngestor ingestor) : Grain, IIngestGrain
{
    public Task<IngestReply> IngestAsync(byte[] body, string contentType, string? traceparent) =>
        EnvelopeFormats.FromContentType(contentType) is { } format
            ? ingestor.IngestAsync(body, format, traceparent, keyTenantId: null)
            : Task.FromResult(new IngestReply(UnsupportedContentType.For(contentType), []));
}
