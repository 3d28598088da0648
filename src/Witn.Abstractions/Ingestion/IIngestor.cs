using Witn.Domain.Ingestion;

namespace Witn.Abstractions.Ingestion;

/// <summary>
/// Ingestion in this process: parse, validate, identify, append durably, answer per event. The HTTP facade calls
/// it directly (it is co-hosted with the silo, so the request body is never copied into a grain call); the
/// Orleans gateway reaches the same code through <see cref="IIngestGrain"/>, so both doors give the same results.
/// </summary>
public interface IIngestor
{
    /// <param name="keyTenantId">The tenant the caller's API key is restricted to, if any.</param>
    Task<IngestReply> IngestAsync(ReadOnlyMemory<byte> body, EnvelopeFormat format, string? traceparent, string? keyTenantId, CancellationToken cancellationToken = default);
}
