using Witn.Domain.Ingestion;

namespace Witn.Abstractions.Ingestion;

/// <summary>
/// The answer to one ingest request: a request-level failure (nothing was stored), or one result per event in
/// request order, each given only after the accepted events are durable in the log.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.ingestion.reply")]
public sealed record IngestReply(
    [property: Id(0)] EnvelopeFailure? Failure,
    [property: Id(1)] EventResult[] Results);
