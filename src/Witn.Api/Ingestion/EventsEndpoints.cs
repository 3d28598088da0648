using System.Buffers;
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

        if (request.ContentLength > EnvelopeLimits.MaxRequestBytes)
        {
            return TooLarge(request.ContentLength.Value);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } length ? (int)length + 1 : 64 * 1024);
        try
        {
            var read = 0;
            while (true)
            {
                if (read == buffer.Length)
                {
                    if (read > EnvelopeLimits.MaxRequestBytes)
                    {
                        return TooLarge(read);
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, read).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            ReadOnlyMemory<byte> body = buffer.AsMemory(0, read);
            if (binary)
            {
                // A header sent on several lines is one comma-separated value, as HTTP combines them.
                var headers = request.Headers.Select(h => KeyValuePair.Create(h.Key, (string?)h.Value.ToString()));
                var (structured, notData) = CloudEventBinding.ToStructured(headers, request.ContentType, body.Span);
                if (notData is not null)
                {
                    return Problem(IngestStatus.For(notData), notData);
                }

                body = structured;
            }

            var reply = await ingestor.IngestAsync(body, format, request.Headers["traceparent"].FirstOrDefault(), TenantAccess.RestrictedTo(user), cancellationToken);
            if (reply.Failure is { } failure)
            {
                return Problem(IngestStatus.For(failure), failure);
            }

            return TypedResults.Accepted((string?)null, new IngestResponse(reply.Results));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ProblemHttpResult TooLarge(long bytes) => Problem(IngestStatus.For(RequestTooLarge.For(bytes)), RequestTooLarge.For(bytes));

    private static ProblemHttpResult Problem(int status, EnvelopeFailure failure)
    {
        var problem = Problems.Create(status, "", IngestStatus.Title, failure.Message, [new InputError(failure.Path, failure.Problem, failure.Hint)]);
        problem.Type = IngestStatus.ProblemType(failure.Code);
        return TypedResults.Problem(problem);
    }
}
