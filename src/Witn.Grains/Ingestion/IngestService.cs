using System.Diagnostics;
using Witn.Abstractions.Ingestion;
using Witn.Domain.Ingestion;
using Witn.Domain.Tenants;
using Witn.Storage.Log;
using Witn.Storage.Telemetry;

namespace Witn.Grains.Ingestion;

/// <summary>
/// The ingest pipeline: the domain parses, validates and identifies; the log writer appends durably (group
/// commit) and classifies accepted / duplicate / conflict by the database's unique key.
/// </summary>
public sealed class IngestService(EventLogWriter log, TenantDirectory tenants, TimeProvider time, IngestMetrics? metrics = null) : IIngestor
{
    public async Task<IngestReply> IngestAsync(ReadOnlyMemory<byte> body, EnvelopeFormat format, string? traceparent, string? keyTenantId, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        // A child of the request's span (ASP.NET Core's, or the grain call's); linked below to the events' own spans.
        using var activity = WitnTelemetry.IngestSource.StartActivity("witn.ingest");
        var parsed = EnvelopeParser.Parse(body, format, traceparent);
        if (!parsed.IsValid)
        {
            metrics?.Refused(body.Length, parsed.Failure!);
            activity?.SetStatus(ActivityStatusCode.Error, parsed.Failure!.Code);
            return new IngestReply(parsed.Failure, []);
        }

        var results = new EventResult[parsed.Items.Count];
        var pending = new List<(int Index, ValidatedEvent Event, EventFieldNames Names)>(parsed.Items.Count);
        var contexts = new Dictionary<string, TenantContext>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        for (var i = 0; i < parsed.Items.Count; i++)
        {
            var item = parsed.Items[i];
            if (!item.IsParsed)
            {
                results[i] = EventResult.Rejected(item.Rejection);
                continue;
            }

            var e = item.Event;
            if (!contexts.TryGetValue(e.TenantId, out var context))
            {
                var tenant = TenantIds.IsValid(e.TenantId) ? await tenants.GetAsync(e.TenantId, cancellationToken) : null;
                contexts[e.TenantId] = context = TenantContext.Of(tenant, now, keyTenantId);
            }

            var validation = EventValidator.Validate(e, context);
            if (validation.IsValid)
            {
                pending.Add((i, validation.Event, e.FieldNames));
            }
            else
            {
                results[i] = EventResult.Rejected(validation.Rejection);
            }
        }

        activity?.SetTag("witn.ingest.events", results.Length);
        if (activity is { IsAllDataRequested: true })
        {
            LinkEvents(activity, pending);
        }

        if (pending.Count > 0)
        {
            using var append = WitnTelemetry.IngestSource.StartActivity("witn.log.append");
            append?.SetTag("witn.log.records", pending.Count);
            var appended = await log.AppendAsync([.. pending.Select(p => ToRecord(p.Event))], cancellationToken);
            for (var j = 0; j < pending.Count; j++)
            {
                var (index, validated, names) = pending[j];
                results[index] = appended[j].Status switch
                {
                    AppendStatus.Accepted => EventResult.Accepted(appended[j].EventId),
                    AppendStatus.Duplicate => EventResult.Duplicate(appended[j].EventId),
                    AppendStatus.Refused => EventResult.Rejected(EventRejections.NotStorable(appended[j].Problem ?? "no reason given")),
                    _ => EventResult.Conflict(validated, names),
                };
            }
        }

        metrics?.Answered(body.Length, results, started, i => parsed.Items[i].Event?.TenantId);
        return new IngestReply(null, results);
    }

    // An agent's own trace context on an event (its trace/span, or CloudEvents traceparent) becomes a link.
    private static void LinkEvents(Activity activity, List<(int Index, ValidatedEvent Event, EventFieldNames Names)> pending)
    {
        var links = 0;
        ActivitySpanId last = default;
        foreach (var (_, e, _) in pending)
        {
            if (EventLinks.Context(e.TraceId, e.SpanId) is { } context && context.SpanId != last)
            {
                activity.AddLink(new ActivityLink(context));
                last = context.SpanId;
                if (++links == EventLinks.MaxLinks)
                {
                    break;
                }
            }
        }
    }

    private static LogRecord ToRecord(ValidatedEvent e) => new(
        e.EventId, e.TenantId, e.Type, e.Timestamp, e.IdempotencyKey, e.AgentId, e.AgentVersion,
        e.TraceId, e.SpanId, e.ParentSpanId, e.PropertiesJson, e.ContentHash.AsSpan().ToArray());
}
