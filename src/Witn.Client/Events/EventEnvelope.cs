using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Witn.Abstractions.Ingestion;
using Witn.Client.Http;
using Witn.Domain.Ingestion;

namespace Witn.Client.Events;

/// <summary>Builds the native envelope both doors send, and turns a request-level failure into the API's exception.</summary>
public static class EventEnvelope
{
    /// <summary>Well below the server's 1,000 so that typical events also stay under its 1 MiB per request.</summary>
    public const int MaxEventsPerRequest = 500;

    private static readonly JsonSerializerOptions Options = new(WitnJson.Options)
    {
        // The server treats an absent optional field and null alike, except properties: leave nulls out.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The events in request-sized chunks, each as UTF-8 JSON <c>{"events": [...]}</c>.</summary>
    public static IEnumerable<byte[]> Requests(IEnumerable<WitnEvent> events) =>
        events.Chunk(MaxEventsPerRequest).Select(chunk => JsonSerializer.SerializeToUtf8Bytes(new { events = chunk }, Options));

    public static WitnApiException ToException(EnvelopeFailure failure) => new(
        (HttpStatusCode)IngestStatus.For(failure),
        IngestStatus.Title,
        failure.Message,
        [new WitnApiError(failure.Path, failure.Problem, failure.Hint)],
        IngestStatus.ProblemType(failure.Code));
}
