using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Witn.Domain.Common;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Definitions;

namespace Witn.Domain.Evidence;

/// <summary>
/// The stored form of an <see cref="EvidenceBundle"/>: compact JSON, snake_case names in a fixed order, every field
/// written (null when absent), instants as ISO-8601 UTC (<c>2026-11-02T09:30:00Z</c>), decimals as JSON strings
/// without trailing zeros (<c>"12500.5"</c>: exact, and safe from readers that parse numbers as doubles), event
/// properties embedded as canonical JSON objects. The same bundle always gives the same bytes. <see cref="Read"/>
/// accepts any member order and whitespace (PostgreSQL <c>jsonb</c> gives both back normalized its own way).
/// </summary>
public static class EvidenceJson
{
    /// <summary>Written as <c>evidence_format</c>; bump it when the layout changes incompatibly.</summary>
    public const int Format = 1;

    // Non-ASCII stays readable (→ in sequences, names); HTML-significant characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Write(EvidenceBundle bundle) => Write(bundle, null);

    /// <summary>
    /// The customer view: the redacted bundle in the same layout (so <see cref="Read"/> reads it), then
    /// <c>"view": "customer"</c> and <c>redactions</c> (<c>at</c>, <c>event_id</c>, <c>path</c>, <c>sha256</c> of each hidden value).
    /// </summary>
    public static string Write(CustomerEvidence view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Write(view.Bundle, view.Redactions);
    }

    private static string Write(EvidenceBundle bundle, ValueArray<Redaction>? redactions)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("evidence_format", Format);
            w.WriteString("tenant_id", bundle.TenantId);
            w.WriteString("outcome", bundle.Outcome);
            w.WriteString("correlation", bundle.Correlation);
            w.WriteNumber("definition_version", bundle.DefinitionVersion);
            w.WriteString("definition_hash", bundle.DefinitionHash);
            w.WriteString("definition_source", bundle.DefinitionSource);
            WriteNumber(w, "contract_version", bundle.ContractVersion);
            w.WriteString("status", OutcomeStatuses.ToName(bundle.Status));
            WriteInstant(w, "first_event_at", bundle.FirstEventAt);
            WriteInstant(w, "qualified_at", bundle.QualifiedAt);
            WriteInstant(w, "settles_at", bundle.SettlesAt);
            WriteInstant(w, "settled_at", bundle.SettledAt);
            WriteInstant(w, "expires_at", bundle.ExpiresAt);
            WriteDecimal(w, "value", bundle.Value);
            w.WriteStartArray("dimensions");
            foreach (var d in bundle.Dimensions)
            {
                w.WriteStartObject();
                w.WriteString("path", d.Path);
                WriteString(w, "value", d.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteAgent(w, "attributed_agent", bundle.AttributedAgent);
            if (bundle.Review is { } r)
            {
                w.WriteStartObject("review");
                w.WriteString("verdict", EvidenceText.Verdict(r.Verdict));
                WriteInstant(w, "decided_at", r.DecidedAt);
                WriteString(w, "decided_by", r.DecidedBy);
                WriteString(w, "note", r.Note);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("review");
            }

            WriteIds(w, "voided_by", bundle.VoidedBy);
            WriteIds(w, "reversed_by", bundle.ReversedBy);
            w.WriteString("summary", bundle.Summary);
            WriteString(w, "credit_summary", bundle.CreditSummary);
            w.WriteStartArray("transitions");
            foreach (var t in bundle.Transitions)
            {
                w.WriteStartObject();
                w.WriteString("state", t.State);
                WriteInstant(w, "at", t.At);
                WriteString(w, "reason", t.Reason);
                WriteString(w, "event_id", t.EventId?.ToString("D"));
                WriteString(w, "by", t.By);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("events");
            foreach (var e in bundle.Events)
            {
                w.WriteStartObject();
                w.WriteString("event_id", e.EventId.ToString("D"));
                w.WriteString("type", e.Type);
                WriteInstant(w, "timestamp", e.Timestamp);
                WriteInstant(w, "received_at", e.ReceivedAt);
                WriteAgent(w, "agent", e.Agent);
                WriteString(w, "trace_id", e.TraceId);
                WriteString(w, "span_id", e.SpanId);
                w.WritePropertyName("properties");
                w.WriteRawValue(e.PropertiesJson);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("explanation");
            WriteNode(w, "qualify", bundle.Explanation.Qualify);
            WriteNode(w, "review_when", bundle.Explanation.ReviewWhen);
            WriteNode(w, "reverse_on", bundle.Explanation.ReverseOn);
            w.WriteEndObject();
            if (redactions is { } hidden)
            {
                w.WriteString("view", "customer");
                w.WriteStartArray("redactions");
                foreach (var h in hidden)
                {
                    w.WriteStartObject();
                    w.WriteString("at", h.At);
                    WriteString(w, "event_id", h.EventId?.ToString("D"));
                    w.WriteString("path", h.Path);
                    w.WriteString("sha256", h.Sha256);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The bundle's one-line summary, or "" when the stored text is not a bundle this version reads.</summary>
    public static string SummaryOf(string json)
    {
        try
        {
            return Read(json).Summary;
        }
        catch (FormatException)
        {
            return "";
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote (or its jsonb normalization); <see cref="FormatException"/> when it is not evidence.</summary>
    public static EvidenceBundle Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException("evidence is not JSON: " + e.Message, e);
        }

        using (document)
        {
            var root = document.RootElement;
            try
            {
                var format = Required(root, "evidence_format").GetInt32();
                if (format != Format)
                {
                    throw new FormatException($"evidence_format {format} is not supported (expected {Format})");
                }

                var explanation = Required(root, "explanation");
                return new EvidenceBundle(
                    Text(root, "tenant_id"),
                    Text(root, "outcome"),
                    Text(root, "correlation"),
                    Required(root, "definition_version").GetInt32(),
                    Text(root, "definition_hash"),
                    Text(root, "definition_source"),
                    Nullable(root, "contract_version")?.GetInt32(),
                    ParseStatus(Text(root, "status")),
                    Instant(root, "first_event_at"),
                    Instant(root, "qualified_at"),
                    Instant(root, "settles_at"),
                    Instant(root, "settled_at"),
                    Instant(root, "expires_at"),
                    Decimal(root, "value"),
                    Required(root, "dimensions").EnumerateArray().Select(d => new DimensionValue(Text(d, "path"), OptionalText(d, "value"))).ToValueArray(),
                    Agent(root, "attributed_agent"),
                    Nullable(root, "review") is { } r
                        ? new ReviewDecision(EvidenceText.ParseVerdict(Text(r, "verdict")), Instant(r, "decided_at")!.Value, OptionalText(r, "decided_by"), OptionalText(r, "note"))
                        : null,
                    Ids(root, "voided_by"),
                    Ids(root, "reversed_by"),
                    Text(root, "summary"),
                    OptionalText(root, "credit_summary"),
                    Required(root, "transitions").EnumerateArray().Select(t => new OutcomeTransition(
                        Text(t, "state"),
                        Instant(t, "at")!.Value,
                        OptionalText(t, "reason"),
                        OptionalText(t, "event_id") is { } id ? Guid.Parse(id) : null,
                        OptionalText(t, "by"))).ToValueArray(),
                    Required(root, "events").EnumerateArray().Select(e => EvidenceEvent.Create(
                        Guid.Parse(Text(e, "event_id")),
                        Text(e, "type"),
                        Instant(e, "timestamp")!.Value,
                        Instant(e, "received_at"),
                        Agent(e, "agent"),
                        OptionalText(e, "trace_id"),
                        OptionalText(e, "span_id"),
                        Required(e, "properties").GetRawText())).ToValueArray(),
                    new OutcomeExplanation(
                        Node(Required(explanation, "qualify")),
                        Nullable(explanation, "review_when") is { } rw ? Node(rw) : null,
                        Nullable(explanation, "reverse_on") is { } ro ? Node(ro) : null));
            }
            catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or ArgumentException or OverflowException)
            {
                throw new FormatException("evidence JSON is malformed: " + e.Message, e);
            }
        }
    }

    private static void WriteNode(Utf8JsonWriter w, string name, ExplanationNode? node)
    {
        if (node is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WritePropertyName(name);
        WriteNode(w, node);
    }

    private static void WriteNode(Utf8JsonWriter w, ExplanationNode node)
    {
        w.WriteStartObject();
        w.WriteString("path", node.Path);
        w.WriteString("kind", node.Kind);
        w.WriteString("summary", node.Summary);
        w.WriteBoolean("held", node.Held);
        WriteIds(w, "event_ids", node.EventIds);
        WriteDecimal(w, "measured", node.Measured);
        w.WriteStartArray("children");
        foreach (var child in node.Children)
        {
            WriteNode(w, child);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static ExplanationNode Node(JsonElement e) => new(
        Text(e, "path"),
        Text(e, "kind"),
        Text(e, "summary"),
        Required(e, "held").GetBoolean(),
        Ids(e, "event_ids"),
        Decimal(e, "measured"),
        Required(e, "children").EnumerateArray().Select(Node).ToValueArray());

    private static void WriteAgent(Utf8JsonWriter w, string name, AgentRef? agent)
    {
        if (agent is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("id", agent.Id);
        WriteString(w, "version", agent.Version);
        w.WriteEndObject();
    }

    private static AgentRef? Agent(JsonElement e, string name) =>
        Nullable(e, name) is { } a ? new AgentRef(Text(a, "id"), OptionalText(a, "version")) : null;

    private static void WriteIds(Utf8JsonWriter w, string name, ValueArray<Guid> ids)
    {
        w.WriteStartArray(name);
        foreach (var id in ids)
        {
            w.WriteStringValue(id.ToString("D"));
        }

        w.WriteEndArray();
    }

    private static ValueArray<Guid> Ids(JsonElement e, string name) =>
        Required(e, name).EnumerateArray().Select(i => Guid.Parse(i.GetString()!)).ToValueArray();

    private static void WriteString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteDecimal(Utf8JsonWriter w, string name, decimal? value) => WriteString(w, name, value is { } v ? EvidenceText.Number(v) : null);

    private static void WriteInstant(Utf8JsonWriter w, string name, DateTimeOffset? value) => WriteString(w, name, value is { } v ? EvidenceText.Iso(v) : null);

    private static JsonElement Required(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) ? value : throw new FormatException($"evidence JSON lacks '{name}'");

    /// <summary>Null for an absent member as well as for JSON null (older bundles may lack newer optional fields).</summary>
    private static JsonElement? Nullable(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Text(JsonElement e, string name) => Required(e, name).GetString() ?? throw new FormatException($"evidence JSON has null '{name}'");

    private static string? OptionalText(JsonElement e, string name) => Nullable(e, name)?.GetString();

    private static DateTimeOffset? Instant(JsonElement e, string name) => OptionalText(e, name) is { } t ? EvidenceText.ParseIso(t) : null;

    /// <summary>Accepts a string (as written) or a number (a hand-made or converted bundle).</summary>
    private static decimal? Decimal(JsonElement e, string name) => Nullable(e, name) switch
    {
        { ValueKind: JsonValueKind.String } s => EvidenceText.ParseNumber(s.GetString()!),
        { } n => Literal.Normalize(n.GetDecimal()),
        null => null,
    };

    private static OutcomeStatus ParseStatus(string text) =>
        OutcomeStatuses.TryParse(text, out var status) ? status : throw new FormatException($"unknown outcome status '{text}'");
}
