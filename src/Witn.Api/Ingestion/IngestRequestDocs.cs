using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Witn.Domain.Common;
using Witn.Domain.Events;
using Witn.Domain.Ingestion;

namespace Witn.Api.Ingestion;

/// <summary>
/// The request body of <c>POST /v1/events</c> in the OpenAPI document. The body is read by the envelope parser,
/// not bound to a type, so its three forms are written here; docs/events.md has every rule.
/// </summary>
internal static class IngestRequestDocs
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        schemas.TryAdd("Event", NativeEvent());
        schemas.TryAdd("EventBatch", new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(["events"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["events"] = new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = EnvelopeLimits.MaxEvents, Items = new OpenApiSchemaReference("Event", document) },
            },
            AdditionalPropertiesAllowed = false,
        });
        schemas.TryAdd("CloudEvent", CloudEvent());
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "At most 1 MiB and 1,000 events. CloudEvents binary mode: an application/json body is the data of one event whose attributes are ce-* headers (ce-specversion, ce-id, ce-source, ce-type, ce-time, ce-tenantid).",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [EnvelopeFormats.Json] = new()
                {
                    Schema = new OpenApiSchema { OneOf = [new OpenApiSchemaReference("Event", document), new OpenApiSchemaReference("EventBatch", document)] },
                },
                [EnvelopeFormats.CloudEvent] = new() { Schema = new OpenApiSchemaReference("CloudEvent", document) },
                [EnvelopeFormats.CloudEventBatch] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = EnvelopeLimits.MaxEvents, Items = new OpenApiSchemaReference("CloudEvent", document) },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema NativeEvent() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "One native event.",
        Required = new HashSet<string>(["tenant_id", "type", "timestamp"], StringComparer.Ordinal),
        AdditionalPropertiesAllowed = false,
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["tenant_id"] = Text("The tenant the event belongs to."),
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = EventTypes.Pattern, Description = "What happened, e.g. ticket.closed." },
            ["timestamp"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When it happened, with an offset." },
            ["idempotency_key"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = FieldLimits.MaxIdempotencyKeyLength, Description = "Makes a resend the same event." },
            ["agent"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Required = new HashSet<string>(["id"], StringComparer.Ordinal),
                AdditionalPropertiesAllowed = false,
                Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                {
                    ["id"] = Text(null),
                    ["version"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                },
            },
            ["trace"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Required = new HashSet<string>(["trace_id"], StringComparer.Ordinal),
                AdditionalPropertiesAllowed = false,
                Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                {
                    ["trace_id"] = Text("32 hex digits."),
                    ["span_id"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "16 hex digits." },
                    ["parent_span_id"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "16 hex digits." },
                },
            },
            ["properties"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Anything the outcome definitions read (absent: {})." },
        },
    };

    private static OpenApiSchema CloudEvent() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "One CloudEvents 1.0 event (JSON format). Extension attributes not listed here are accepted and not stored.",
        Required = new HashSet<string>(["specversion", "id", "source", "type", "time", "tenantid"], StringComparer.Ordinal),
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["specversion"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("1.0")] },
            ["id"] = Text("The idempotency key."),
            ["source"] = Text("Checked, not stored."),
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = EventTypes.Pattern },
            ["time"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "Required here." },
            ["tenantid"] = Text("Extension: the tenant."),
            ["data"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The event's properties (absent: {})." },
            ["datacontenttype"] = Text("A JSON type, if given."),
            ["traceparent"] = Text("Extension: W3C trace context of the span that produced the event."),
            ["agentid"] = Text("Extension: the agent."),
            ["agentversion"] = Text("Extension: the agent's version."),
        },
    };

    private static OpenApiSchema Text(string? description) => new() { Type = JsonSchemaType.String, Description = description };
}
