using System.Diagnostics;
using Witn.Domain.Events;

namespace Witn.Storage.Telemetry;

/// <summary>
/// Activity links to the spans that produced events (their stored trace and span ids), so a span of the engine
/// leads back to the agent's own trace. Bounded: a span carrying a thousand events links the first
/// <see cref="MaxLinks"/> distinct ones, and says how many it carried in a tag.
/// </summary>
public static class EventLinks
{
    /// <summary>At most this many links on one span (exporters and backends cap links too; 128 is OTel's default).</summary>
    public const int MaxLinks = 32;

    /// <summary>Links to the events' spans, or null when none of them has a span id (an event with only a trace id has no span to link).</summary>
    public static List<ActivityLink>? For(IEnumerable<OutcomeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        List<ActivityLink>? links = null;
        foreach (var e in events)
        {
            if (Context(e.TraceId, e.SpanId) is not { } context)
            {
                continue;
            }

            links ??= [];
            if (!Contains(links, context))
            {
                links.Add(new ActivityLink(context));
                if (links.Count == MaxLinks)
                {
                    break;
                }
            }
        }

        return links;
    }

    /// <summary>The context of a stored trace and span id (lower-case hex, as ingestion stores them), or null when either is missing or malformed.</summary>
    public static ActivityContext? Context(string? traceId, string? spanId)
    {
        if (traceId is not { Length: 32 } || spanId is not { Length: 16 } || !IsHex(traceId) || !IsHex(spanId))
        {
            return null;
        }

        return new ActivityContext(ActivityTraceId.CreateFromString(traceId), ActivitySpanId.CreateFromString(spanId), ActivityTraceFlags.Recorded, isRemote: true);
    }

    private static bool Contains(List<ActivityLink> links, ActivityContext context)
    {
        foreach (var link in links)
        {
            if (link.Context.SpanId == context.SpanId && link.Context.TraceId == context.TraceId)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHex(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
