using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Ingestion;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Ingestion;

namespace Witn.Api.Ingestion;

/// <summary><c>POST /v1/events</c>: the front door for agents (ingest scope).</summary>
public static class EventsEndpoints
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder v1)
    {
        v1.MapPost("/events", IngestAsync)
            .RequireAuthorization(WitnPolicies.Ingest)
            .WithMetadata(KeyReach.Tenant)
            .WithTags("Events")
            .RequestBody(null, EnvelopeFormats.Json, EnvelopeFormats.CloudEvent, EnvelopeFormats.CloudEventBatch)
            .AddOpenApiOperationTransformer(IngestRequestDocs.DescribeAsync)
            .WithSummary("Send one event, {\"events\": [...]} (up to 1,000 events, 1 MiB) or CloudEvents (binary, structured, batch); 202 with one result per event once the accepted ones are durable.");
        return v1;
    }

    private static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> IngestAsync(
        HttpRequest request, ClaimsPrincipal user, IIngestor ingestor, CancellationToken cancellationToken)
    {
        if (BodyCharset.Refuse(request.ContentType) is { } charset)
        {
            return charset;
        }

        // Binary content mode: the attributes in ce-* headers, the body is the event's data (of any content type).
        var binary = CloudEventBinding.IsBinary(request.ContentType, request.Headers.ContainsKey(CloudEventBinding.SpecVersionHeader));
        if ((binary ? EnvelopeFormat.CloudEvent : EnvelopeFormats.FromContentType(request.ContentType)) is not { } format)
        {
            var unsupported = UnsupportedContentType.For(request.ContentType);
            return Problem(IngestStatus.For(unsupported), unsupported);
        }

        var (body, tooLarge) = await BodyBytes.ReadAsync(request, EnvelopeLimits.MaxRequestBytes, "events",
            $"split the events into several requests of at most {EnvelopeLimits.MaxEvents:N0} events and 1 MiB each");
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        using (body)
        {
            ReadOnlyMemory<byte> payload = body!.Memory;
            if (binary)
            {
                // A header sent on several lines is one comma-separated value, as HTTP combines them.
                var headers = request.Headers.Select(h => KeyValuePair.Create(h.Key, (string?)h.Value.ToString()));
                var (structured, notData) = CloudEventBinding.ToStructured(headers, request.ContentType, payload.Span);
                if (notData is not null)
                {
                    return Problem(IngestStatus.For(notData), notData);
                }

                payload = structured;
            }

            var reply = await ingestor.IngestAsync(payload, format, request.Headers["traceparent"].FirstOrDefault(), TenantAccess.RestrictedTo(user), cancellationToken);
            if (reply.Failure is { } failure)
            {
                return Problem(IngestStatus.For(failure), failure);
            }

            return TypedResults.Accepted((string?)null, new IngestResponse(reply.Results));
        }
    }

    private static ProblemHttpResult Problem(int status, EnvelopeFailure failure)
    {
        var problem = Problems.Create(status, "", IngestStatus.Title, failure.Message, [new InputError(failure.Path, failure.Problem, failure.Hint)]);
        problem.Type = IngestStatus.ProblemType(failure.Code);
        return TypedResults.Problem(problem);
    }
}
