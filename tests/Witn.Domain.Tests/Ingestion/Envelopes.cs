using System.Text;
using Witn.Domain.Ingestion;

namespace Witn.Domain.Tests.Ingestion;

/// <summary>Builders shared by the ingestion tests.</summary>
internal static class Envelopes
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static readonly TenantContext Acme = new(Now, TimeSpan.FromDays(30));

    public const string Event =
        """{"tenant_id": "acme", "type": "ticket.closed", "timestamp": "2026-11-24T10:00:00Z", "idempotency_key": "ticket-T-1042-closed", "agent": {"id": "support-bot", "version": "3.1.0"}, "trace": {"trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "00f067aa0ba902b7", "parent_span_id": "00f067aa0ba902b8"}, "properties": {"ticket_id": "T-1042", "resolution": "solved"}}""";

    public static EnvelopeParseResult Parse(string body, EnvelopeFormat format = EnvelopeFormat.Native, string? traceparent = null) =>
        EnvelopeParser.Parse(Encoding.UTF8.GetBytes(body), format, traceparent);

    /// <summary>A native event with one field replaced (or removed with null) and the others as in <see cref="Event"/>.</summary>
    public static string With(string field, string? json)
    {
        var fields = new Dictionary<string, string>
        {
            ["tenant_id"] = "\"acme\"",
            ["type"] = "\"ticket.closed\"",
            ["timestamp"] = "\"2026-11-24T10:00:00Z\"",
            ["idempotency_key"] = "\"ticket-T-1042-closed\"",
            ["properties"] = """{"ticket_id": "T-1042", "resolution": "solved"}""",
        };
        if (json is null)
        {
            fields.Remove(field);
        }
        else
        {
            fields[field] = json;
        }

        return "{" + string.Join(", ", fields.Select(f => $"\"{f.Key}\": {f.Value}")) + "}";
    }

    public static ParsedEvent Single(string body, EnvelopeFormat format = EnvelopeFormat.Native, string? traceparent = null)
    {
        var result = Parse(body, format, traceparent);
        Assert.True(result.IsValid, result.Failure?.Message);
        var item = Assert.Single(result.Items);
        Assert.True(item.IsParsed, item.Rejection?.Message);
        return item.Event;
    }

    public static EventRejection Rejection(string body, EnvelopeFormat format = EnvelopeFormat.Native)
    {
        var result = Parse(body, format);
        Assert.True(result.IsValid, result.Failure?.Message);
        var item = Assert.Single(result.Items);
        Assert.False(item.IsParsed);
        return item.Rejection;
    }

    public static EnvelopeFailure Failure(string body, EnvelopeFormat format = EnvelopeFormat.Native)
    {
        var result = Parse(body, format);
        Assert.False(result.IsValid);
        return result.Failure;
    }
}
