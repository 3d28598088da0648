using System.Globalization;
using System.Text;
using System.Text.Json;
using Witn.Domain.Common;
using Witn.Domain.Events;

namespace Witn.Domain.Ingestion;

/// <summary>
/// The one-pass reader behind <see cref="EnvelopeParser"/>. A problem in one event is recorded as that
/// event's rejection and the reader moves on to the next; only a body that cannot be read as a whole
/// (syntax, shape, too many events) fails the request. Holds per-request buffers; not thread-safe.
/// </summary>
internal sealed class EnvelopeReader(EnvelopeFormat format, TraceContext? headerTrace) : IDisposable
{
    private const string NativeKnown = "tenant_id, type, timestamp, idempotency_key, agent, trace, properties";
    private const string CloudKnown = "specversion, id, source, type, time, tenantid, data, datacontenttype, dataschema, subject, traceparent, tracestate, agentid, agentversion";

    private static readonly JsonReaderOptions Options = new() { MaxDepth = EnvelopeLimits.MaxJsonDepth };

    private static readonly Field[] NativeFields =
    [
        new("tenant_id"), new("type"), new("timestamp"), new("idempotency_key"), new("agent"), new("trace"), new("properties"),
    ];

    private static readonly Field[] CloudFields =
    [
        new("specversion"), new("id"), new("source"), new("type"), new("time"), new("tenantid"), new("data"),
        new("data_base64"), new("datacontenttype"), new("dataschema"), new("subject"), new("traceparent"),
        new("tracestate"), new("agentid"), new("agentversion"),
    ];

    private static readonly Field[] AgentFields = [new("id", "agent.id"), new("version", "agent.version")];
    private static readonly Field[] TraceFields =
        [new("trace_id", "trace.trace_id"), new("span_id", "trace.span_id"), new("parent_span_id", "trace.parent_span_id")];

    private readonly CanonicalJsonWriter _writer = new();
    private readonly List<EnvelopeItem> _items = [];
    private readonly StringCache _tenants = new();
    private readonly StringCache _types = new();
    private readonly StringCache _agents = new();
    private SubFieldReader? _readAgentField;
    private SubFieldReader? _readTraceField;
    private string? _batchPrefix;
    private int _index;
    private bool _inEvent;
    private string? _field;

    public EnvelopeParseResult Read(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, Options);
        try
        {
            reader.Read();
            var failure = format switch
            {
                EnvelopeFormat.Native => ReadNative(ref reader),
                EnvelopeFormat.CloudEvent => ReadCloudSingle(ref reader),
                _ => ReadCloudBatch(ref reader),
            };
            if (failure is not null)
            {
                return EnvelopeParseResult.Failed(failure);
            }

            _inEvent = false;
            _field = null;
            while (reader.Read())
            {
                // Nothing may follow the top-level value; the reader throws on anything but whitespace.
            }
        }
        catch (JsonException e)
        {
            return EnvelopeParseResult.Failed(Malformed(e));
        }
        catch (EnvelopeFailureException e)
        {
            return EnvelopeParseResult.Failed(e.Failure);
        }
        catch (InvalidOperationException)
        {
            // GetString on an escaped unpaired surrogate outside the properties (those reject only their event).
            return EnvelopeParseResult.Failed(new EnvelopeFailure(EnvelopeFailureCodes.MalformedJson, CurrentPath(), null, null,
                "The body has a string with an unpaired UTF-16 surrogate escape such as \\ud800",
                "Escape characters beyond U+FFFF as a surrogate pair (\\ud83d\\ude00) or send them as UTF-8."));
        }

        return new EnvelopeParseResult(null, new ValueArray<EnvelopeItem>([.. _items], true));
    }

    public void Dispose() => _writer.Dispose();

    private EnvelopeFailure? ReadNative(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return Shape("$",
                "The body is a JSON array, but application/json takes one event object or {\"events\": [...]}",
                "Wrap the array as {\"events\": [...]}, or send CloudEvents as application/cloudevents-batch+json.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Shape("$",
                $"The body is {EventRejections.KindName(KindOf(reader.TokenType))}, not an event object",
                "Send one event object or {\"events\": [...]}.");
        }

        var peek = reader;
        peek.Read();
        if (peek.TokenType != JsonTokenType.PropertyName || !peek.ValueTextEquals("events"u8))
        {
            _inEvent = true;
            _items.Add(ReadNativeEvent(ref reader, topLevel: true));
            return null;
        }

        reader.Read();
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Shape("$.events",
                $"'events' must be an array, found {EventRejections.KindName(KindOf(reader.TokenType))}",
                "Send {\"events\": [{...}, {...}]}.");
        }

        _batchPrefix = "$.events";
        var failure = ReadEvents(ref reader, cloud: false);
        if (failure is not null)
        {
            return failure;
        }

        _inEvent = false;
        reader.Read();
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            return Shape("$." + name,
                $"A batch may only contain 'events', found '{name}' next to it",
                $"Move '{name}' into each event.");
        }

        return null;
    }

    private EnvelopeFailure? ReadCloudSingle(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            _inEvent = true;
            _items.Add(ReadCloudEvent(ref reader));
            return null;
        }

        return reader.TokenType == JsonTokenType.StartArray
            ? Shape("$",
                "The body is a JSON array, but application/cloudevents+json takes one CloudEvent object",
                "Send several events as application/cloudevents-batch+json.")
            : Shape("$",
                $"The body is {EventRejections.KindName(KindOf(reader.TokenType))}, not a CloudEvent object",
                "Send one CloudEvent as a JSON object.");
    }

    private EnvelopeFailure? ReadCloudBatch(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Shape("$",
                $"The body is {EventRejections.KindName(KindOf(reader.TokenType))}, but application/cloudevents-batch+json takes a JSON array of CloudEvents",
                "Wrap the events in [...], or send a single event as application/cloudevents+json.");
        }

        _batchPrefix = "$";
        return ReadEvents(ref reader, cloud: true);
    }

    private EnvelopeFailure? ReadEvents(ref Utf8JsonReader reader, bool cloud)
    {
        _inEvent = true;
        while (true)
        {
            _field = null;
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return null;
            }

            if (_index == EnvelopeLimits.MaxEvents)
            {
                return new EnvelopeFailure(EnvelopeFailureCodes.TooManyEvents, $"{_batchPrefix}[{_index}]", null, null,
                    $"The batch has more than {EnvelopeLimits.MaxEvents:N0} events",
                    $"Split it into requests of at most {EnvelopeLimits.MaxEvents:N0} events.");
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                _items.Add(cloud ? ReadCloudEvent(ref reader) : ReadNativeEvent(ref reader, topLevel: false));
            }
            else
            {
                _items.Add(new EnvelopeItem(_index, null, EventRejections.NotAnObject(KindOf(reader.TokenType))));
                reader.Skip();
            }

            _index++;
        }
    }

    private EnvelopeItem ReadNativeEvent(ref Utf8JsonReader reader, bool topLevel)
    {
        EventRejection? rejection = null;
        string? tenant = null, type = null, key = null;
        DateTimeOffset? timestamp = null;
        AgentRef? agent = null;
        TraceContext? trace = null;
        var properties = new PropertiesRead(false, JsonValueKind.Undefined, 0, 0);
        var seen = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = IndexOf(ref reader, NativeFields);
            if (field < 0 && topLevel && reader.ValueTextEquals("events"u8))
            {
                throw new EnvelopeFailureException(Shape("$.events",
                    "A batch may only contain 'events', found event fields next to it",
                    "Send {\"events\": [...]} alone and put tenant_id, type and the other fields inside each event."));
            }

            var name = field >= 0 ? NativeFields[field].Name : reader.GetString()!;
            _field = name;
            reader.Read();
            if (!Admit(ref reader, field, name, NativeKnown, ref seen, ref rejection))
            {
                continue;
            }

            rejection = field switch
            {
                0 => ReadString(ref reader, name, _tenants, optional: false, out tenant),
                1 => ReadString(ref reader, name, _types, optional: false, out type),
                2 => ReadTimestamp(ref reader, name, out timestamp),
                3 => ReadString(ref reader, name, null, optional: true, out key),
                4 => ReadAgent(ref reader, out agent),
                5 => ReadTrace(ref reader, out trace),
                _ => ReadProperties(ref reader, name, out properties),
            };
        }

        _field = null;
        rejection ??= tenant is null ? EventRejections.MissingField("tenant_id")
            : type is null ? EventRejections.MissingField("type")
            : timestamp is null ? EventRejections.MissingField("timestamp")
            : null;
        return rejection is not null
            ? new EnvelopeItem(_index, null, rejection)
            : new EnvelopeItem(_index, Build(EnvelopeFormat.Native, tenant!, type!, timestamp!.Value, key, agent, trace, properties), null);
    }

    // The rules every envelope field passes before its value is read: once an event is rejected its remaining fields
    // are skipped; an unknown or repeated field rejects it. Returns true when the value should be read.
    private static bool Admit(ref Utf8JsonReader reader, int field, string name, string known, ref int seen, ref EventRejection? rejection)
    {
        if (rejection is null)
        {
            if (field < 0)
            {
                rejection = EventRejections.UnknownField(name, known);
            }
            else if ((seen & (1 << field)) != 0)
            {
                rejection = EventRejections.DuplicateField(name);
            }
            else
            {
                seen |= 1 << field;
                return true;
            }
        }

        reader.Skip();
        return false;
    }

    private EnvelopeItem ReadCloudEvent(ref Utf8JsonReader reader)
    {
        EventRejection? rejection = null;
        string? specVersion = null, id = null, source = null, type = null, tenant = null, agentId = null, agentVersion = null;
        DateTimeOffset? time = null;
        TraceContext? trace = null;
        var data = new PropertiesRead(false, JsonValueKind.Undefined, 0, 0);
        var seen = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = IndexOf(ref reader, CloudFields);
            var name = field >= 0 ? CloudFields[field].Name : reader.GetString()!;
            _field = name;
            reader.Read();
            if (field < 0 && CloudEventBinding.IsAttributeName(name))
            {
                // An extension attribute this engine does not use (partitionkey, sequence, …): not stored, never a reason to refuse the event.
                rejection ??= ExtensionValue(ref reader, name);
                reader.Skip();
                continue;
            }

            if (!Admit(ref reader, field, name, CloudKnown, ref seen, ref rejection))
            {
                continue;
            }

            string? ignored;
            rejection = field switch
            {
                0 => ReadString(ref reader, name, null, optional: false, out specVersion),
                1 => ReadString(ref reader, name, null, optional: false, out id),
                2 => ReadString(ref reader, name, null, optional: false, out source),
                3 => ReadString(ref reader, name, _types, optional: false, out type),
                4 => ReadTimestamp(ref reader, name, out time),
                5 => ReadString(ref reader, name, _tenants, optional: false, out tenant),
                6 => ReadProperties(ref reader, name, out data),
                7 => Skipped(ref reader, EventRejections.DataBase64()),
                8 => ReadDataContentType(ref reader, name),
                11 => ReadTraceParent(ref reader, name, out trace),
                13 => ReadString(ref reader, name, _agents, optional: true, out agentId),
                14 => ReadString(ref reader, name, _agents, optional: true, out agentVersion),
                _ => ReadString(ref reader, name, null, optional: true, out ignored), // dataschema, subject, tracestate
            };

            if (rejection is null && field == 0 && specVersion != "1.0")
            {
                rejection = EventRejections.UnsupportedSpecVersion(specVersion!);
            }
        }

        _field = null;
        rejection ??= specVersion is null ? EventRejections.MissingField("specversion")
            : id is null ? EventRejections.MissingField("id")
            : source is null ? EventRejections.MissingField("source")
            : type is null ? EventRejections.MissingField("type")
            : time is null ? EventRejections.MissingField("time")
            : tenant is null ? EventRejections.MissingField("tenantid")
            : agentId is null && agentVersion is not null ? EventRejections.MissingField("agentid")
            : null;
        if (rejection is not null)
        {
            return new EnvelopeItem(_index, null, rejection);
        }

        var agent = agentId is null ? null : new AgentRef(agentId, agentVersion);
        return new EnvelopeItem(_index, Build(EnvelopeFormat.CloudEvent, tenant!, type!, time!.Value, id, agent, trace, data), null);
    }

    private ParsedEvent Build(
        EnvelopeFormat eventFormat, string tenant, string type, DateTimeOffset timestamp, string? key, AgentRef? agent, TraceContext? trace, PropertiesRead properties)
    {
        // Absent properties (or CloudEvents data) are an empty object.
        var (json, kind, depth, bytes) = properties.Present
            ? (Encoding.UTF8.GetString(_writer.Written), properties.Kind, properties.Depth, properties.Bytes)
            : ("{}", JsonValueKind.Object, 1, 2);
        return new ParsedEvent(eventFormat, tenant, type, timestamp, key, agent, trace ?? headerTrace, json, kind, depth, bytes);
    }

    private EventRejection? ReadString(ref Utf8JsonReader reader, string field, StringCache? cache, bool optional, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.String)
        {
            value = cache is not null && !reader.ValueIsEscaped ? cache.Get(reader.ValueSpan) : reader.GetString();
            return reader.ValueIsEscaped && value!.Contains('\0', StringComparison.Ordinal) ? EventRejections.NulCharacter(field) : null;
        }

        if (optional && reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var kind = KindOf(reader.TokenType);
        reader.Skip();
        return EventRejections.InvalidField(field, optional ? "a string or null" : "a string", kind);
    }

    private static EventRejection? ReadTimestamp(ref Utf8JsonReader reader, string field, out DateTimeOffset? timestamp)
    {
        timestamp = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            var kind = KindOf(reader.TokenType);
            reader.Skip();
            return EventRejections.InvalidField(field, "an ISO-8601 date and time string with an offset", kind);
        }

        // Timestamps are short ASCII: read as characters on the stack, by the one instant rule (Instants.TryParse).
        var result = InstantParse.Malformed;
        var value = default(DateTimeOffset);
        if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= 64)
        {
            Span<char> chars = stackalloc char[reader.ValueSpan.Length];
            var ascii = System.Text.Ascii.ToUtf16(reader.ValueSpan, chars, out _) == System.Buffers.OperationStatus.Done;
            result = ascii ? Instants.TryParse(chars, out value) : InstantParse.Malformed;
        }
        else if (reader.ValueIsEscaped)
        {
            result = Instants.TryParse(reader.GetString().AsSpan(), out value);
        }

        switch (result)
        {
            case InstantParse.Valid:
                timestamp = value;
                return null;
            case InstantParse.OutOfRange:
                return EventRejections.TimestampOutOfRange(field, reader.GetString()!);
            default:
                return EventRejections.InvalidTimestamp(field, reader.GetString()!);
        }
    }

    private EventRejection? ReadAgent(ref Utf8JsonReader reader, out AgentRef? agent)
    {
        agent = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = KindOf(reader.TokenType);
            reader.Skip();
            return EventRejections.InvalidField("agent", "an object such as {\"id\": \"support-bot\", \"version\": \"3.1.0\"}", kind);
        }

        var values = ReadSubObject(ref reader, "agent", AgentFields, "id, version", _readAgentField ??= ReadAgentField);
        if (values.Rejection is not null)
        {
            return values.Rejection;
        }

        var (id, version) = (values.Values[0], values.Values[1]);
        if (id is null)
        {
            return EventRejections.MissingField("agent.id");
        }

        agent = new AgentRef(id, version);
        return null;
    }

    private EventRejection? ReadTrace(ref Utf8JsonReader reader, out TraceContext? trace)
    {
        trace = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = KindOf(reader.TokenType);
            reader.Skip();
            return EventRejections.InvalidField("trace", "an object such as {\"trace_id\": \"…\", \"span_id\": \"…\"}", kind);
        }

        var values = ReadSubObject(ref reader, "trace", TraceFields, "trace_id, span_id, parent_span_id", _readTraceField ??= ReadTraceField);
        if (values.Rejection is not null)
        {
            return values.Rejection;
        }

        var traceId = values.Values[0];
        if (traceId is null)
        {
            return EventRejections.MissingField("trace.trace_id");
        }

        if (!IsHexId(traceId, FieldLimits.TraceIdLength))
        {
            return EventRejections.InvalidTraceId("trace.trace_id", traceId);
        }

        for (var i = 1; i <= 2; i++)
        {
            if (values.Values[i] is { } span && !IsHexId(span, FieldLimits.SpanIdLength))
            {
                return EventRejections.InvalidSpanId(TraceFields[i].Path!, span);
            }
        }

        trace = new TraceContext(
            traceId.ToLowerInvariant(), values.Values[1]?.ToLowerInvariant(), values.Values[2]?.ToLowerInvariant());
        return null;
    }

    private EventRejection? ReadAgentField(ref Utf8JsonReader reader, int field, string path, out string? value) =>
        ReadString(ref reader, path, _agents, optional: field == 1, out value);

    private EventRejection? ReadTraceField(ref Utf8JsonReader reader, int field, string path, out string? value) =>
        ReadString(ref reader, path, null, optional: field != 0, out value);

    private SubObject ReadSubObject(ref Utf8JsonReader reader, string parent, Field[] fields, string known, SubFieldReader read)
    {
        var values = new string?[fields.Length];
        EventRejection? rejection = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = IndexOf(ref reader, fields);
            var path = field >= 0 ? fields[field].Path! : parent + "." + reader.GetString();
            _field = path;
            reader.Read();
            if (Admit(ref reader, field, path, known, ref seen, ref rejection))
            {
                rejection = read(ref reader, field, path, out values[field]);
            }
        }

        return new SubObject(values, rejection);
    }

    private EventRejection? ReadProperties(ref Utf8JsonReader reader, string field, out PropertiesRead properties)
    {
        _writer.Reset();
        _writer.WriteValue(ref reader);
        properties = new PropertiesRead(true, KindOf(reader.TokenType is JsonTokenType.EndObject ? JsonTokenType.StartObject
            : reader.TokenType is JsonTokenType.EndArray ? JsonTokenType.StartArray : reader.TokenType), _writer.MaxDepth, _writer.Written.Length);
        if (_writer.Error is { } error)
        {
            return EventRejections.InvalidProperties(_writer.ErrorPath.Length == 0 ? field : field + "." + _writer.ErrorPath, error);
        }

        return null;
    }

    private static EventRejection? ReadDataContentType(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            var kind = KindOf(reader.TokenType);
            reader.Skip();
            return EventRejections.InvalidField(field, "a string", kind);
        }

        var text = reader.GetString()!;
        return CloudEventBinding.IsJsonMediaType(text) ? null : EventRejections.DataContentType(text);
    }

    private EventRejection? ReadTraceParent(ref Utf8JsonReader reader, string field, out TraceContext? trace)
    {
        trace = null;
        var rejection = ReadString(ref reader, field, null, optional: false, out var text);
        if (rejection is not null)
        {
            return rejection;
        }

        // The extension names the producer's span: the event happened in it.
        if (TraceParent.Parse(text) is not { } parent)
        {
            return EventRejections.InvalidTraceParent(field, text!);
        }

        trace = new TraceContext(parent.TraceId, parent.ParentId);
        return null;
    }

    // The JSON event format writes every attribute as a string, number or boolean (null: unset).
    private static EventRejection? ExtensionValue(ref Utf8JsonReader reader, string field) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
            ? null
            : EventRejections.InvalidField(field, "a string, number or boolean (a CloudEvents extension attribute)", KindOf(reader.TokenType));

    private static EventRejection Skipped(ref Utf8JsonReader reader, EventRejection rejection)
    {
        reader.Skip();
        return rejection;
    }

    private static int IndexOf(ref Utf8JsonReader reader, Field[] fields)
    {
        if (reader.ValueIsEscaped)
        {
            var name = reader.GetString();
            return Array.FindIndex(fields, f => f.Name == name);
        }

        var span = reader.ValueSpan;
        for (var i = 0; i < fields.Length; i++)
        {
            if (span.SequenceEqual(fields[i].Utf8))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsHexId(string id, int length) =>
        id.Length == length && !id.AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF") && id.AsSpan().ContainsAnyExcept('0');

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    private EnvelopeFailure Malformed(JsonException e) => Malformed(e, CurrentPath());

    /// <summary>The failure for JSON that cannot be read, at <paramref name="path"/> with the reader's line and byte.</summary>
    internal static EnvelopeFailure Malformed(JsonException e, string path)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var problem = "The body is not valid JSON: " + (cut < 0 ? message : message[..cut]).TrimEnd('.');
        var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
        var column = e.BytePositionInLine is { } b ? (int)b + 1 : (int?)null;
        return new EnvelopeFailure(EnvelopeFailureCodes.MalformedJson, path, line, column, problem,
            "Fix the JSON at that position (often a missing quote, comma or bracket) and send the whole request again.");
    }

    private string CurrentPath()
    {
        if (!_inEvent)
        {
            return "$";
        }

        var path = _batchPrefix is null ? "$" : _batchPrefix + "[" + _index.ToString(CultureInfo.InvariantCulture) + "]";
        return _field is null ? path : path + "." + _field;
    }

    private static EnvelopeFailure Shape(string path, string problem, string hint) =>
        new(EnvelopeFailureCodes.InvalidShape, path, null, null, problem, hint);

    private delegate EventRejection? SubFieldReader(ref Utf8JsonReader reader, int field, string path, out string? value);

    private readonly record struct Field(string Name, string? Path = null)
    {
        public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(Name);
    }

    private readonly record struct PropertiesRead(bool Present, JsonValueKind Kind, int Depth, int Bytes);

    private readonly record struct SubObject(string?[] Values, EventRejection? Rejection);
}
