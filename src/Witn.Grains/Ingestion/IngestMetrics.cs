using System.Diagnostics;
using System.Diagnostics.Metrics;
using Witn.Domain.Ingestion;
using Witn.Grains.Telemetry;
using Witn.Storage.Telemetry;

namespace Witn.Grains.Ingestion;

/// <summary>
/// Ingestion's instruments (meter <c>Witn.Ingest</c>). Recorded once per request, not per event: a request's
/// statuses are counted in one pass and added once each; only rejections (rare, and each with its reason) and the
/// opt-in tenant attribute add per event.
/// </summary>
public sealed class IngestMetrics
{
    private static readonly TagList AcceptedTags = new() { { "status", "accepted" } };
    private static readonly TagList DuplicateTags = new() { { "status", "duplicate" } };
    private static readonly TagList AnsweredTags = new() { { "outcome", "answered" } };

    private readonly Counter<long> _events;
    private readonly Counter<long> _requests;
    private readonly Histogram<int> _requestSize;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _ack;
    private readonly TenantTags _tenants;

    public IngestMetrics(IMeterFactory meters, TenantTags tenants)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _tenants = tenants;
        var meter = meters.Create(WitnTelemetry.Ingest);
        _events = meter.CreateCounter<long>("witn.ingest.events", "{event}", "Events answered, by status (accepted, duplicate, conflict, rejected) and, for conflicts and rejections, reason.");
        _requests = meter.CreateCounter<long>("witn.ingest.requests", "{request}", "Ingest requests, answered with per-event results or refused whole (outcome is then the refusal's code).");
        _requestSize = meter.CreateHistogram<int>("witn.ingest.request.size", "By", "Body size of an ingest request.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576] });
        _batchSize = meter.CreateHistogram<int>("witn.ingest.batch.size", "{event}", "Events in one ingest request.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] });
        _ack = meter.CreateHistogram<double>("witn.ingest.ack.duration", "s", "From a request's arrival at the pipeline to its answer, the accepted events durable in the log.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    /// <summary>A request refused whole (unreadable body, unsupported format): no per-event results.</summary>
    public void Refused(int bodyBytes, EnvelopeFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (_requests.Enabled)
        {
            _requests.Add(1, new KeyValuePair<string, object?>("outcome", failure.Code));
        }

        _requestSize.Record(bodyBytes);
    }

    /// <summary>A request answered event by event; <paramref name="tenantOf"/> names the tenant of result i (only asked with the tenant attribute on).</summary>
    public void Answered(int bodyBytes, EventResult[] results, long startedTimestamp, Func<int, string?> tenantOf)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(tenantOf);
        _ack.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
        _requests.Add(1, AnsweredTags);
        _requestSize.Record(bodyBytes);
        _batchSize.Record(results.Length);
        if (!_events.Enabled)
        {
            return;
        }

        if (_tenants.Enabled)
        {
            for (var i = 0; i < results.Length; i++)
            {
                var tags = Tags(results[i]);
                tags.Add(TenantTags.Name, tenantOf(i) is { } tenant ? _tenants.Of(tenant) : TenantTags.Other);
                _events.Add(1, tags);
            }

            return;
        }

        long accepted = 0, duplicates = 0;
        foreach (var result in results)
        {
            switch (result.Status)
            {
                case EventResultStatus.Accepted:
                    accepted++;
                    break;
                case EventResultStatus.Duplicate:
                    duplicates++;
                    break;
                default:
                    _events.Add(1, Tags(result));
                    break;
            }
        }

        if (accepted > 0)
        {
            _events.Add(accepted, AcceptedTags);
        }

        if (duplicates > 0)
        {
            _events.Add(duplicates, DuplicateTags);
        }
    }

    private static TagList Tags(EventResult result) => result.Status switch
    {
        EventResultStatus.Accepted => AcceptedTags,
        EventResultStatus.Duplicate => DuplicateTags,
        EventResultStatus.Conflict => new TagList { { "status", "conflict" }, { "reason", result.Code } },
        _ => new TagList { { "status", "rejected" }, { "reason", result.Code } },
    };
}
