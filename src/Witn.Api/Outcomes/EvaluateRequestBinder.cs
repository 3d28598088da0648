using System.Globalization;
using System.Text.Json;
using Witn.Abstractions.Outcomes;
using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Ingestion;

namespace Witn.Api.Outcomes;

/// <summary>Checks an evaluate request and turns it into the grain's request; collects every error, never throws on input.</summary>
public static class EvaluateRequestBinder
{
    public const int MaxEvents = 10_000;
    public const int MaxReviews = 100;

    private const string TimestampHint = "write it as " + Instants.Rule;

    public static (EvaluationRequest? Request, IReadOnlyList<OutcomeError> Errors) Bind(EvaluateRequest body)
    {
        var errors = new List<OutcomeError>();
        var definition = BindDefinition(body, errors);

        var events = new List<EvaluationEvent>();
        var list = body.Events ?? [];
        if (list.Count > MaxEvents)
        {
            errors.Add(OutcomeError.At("events", $"{list.Count} events is more than the limit of {MaxEvents}", "evaluate fewer events at a time"));
        }
        else
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (BindEvent(list[i], $"events[{i}]", errors) is { } e)
                {
                    events.Add(e);
                }
            }
        }

        DateTimeOffset? now = null;
        if (body.Now is not null)
        {
            now = Timestamp(body.Now, "now", errors);
        }

        var reviews = new List<EvaluationReview>();
        var reviewList = body.Reviews ?? [];
        if (reviewList.Count > MaxReviews)
        {
            errors.Add(OutcomeError.At("reviews", $"{reviewList.Count} reviews is more than the limit of {MaxReviews}", "send fewer review decisions"));
        }
        else
        {
            for (var i = 0; i < reviewList.Count; i++)
            {
                if (BindReview(reviewList[i], $"reviews[{i}]", errors) is { } r)
                {
                    reviews.Add(r);
                }
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new EvaluationRequest(definition, definition is null ? body.Name : null, body.Version, [.. events], now, [.. reviews]), errors);
    }

    private static DefinitionSource? BindDefinition(EvaluateRequest body, List<OutcomeError> errors)
    {
        var given = new[] { body.Definition is not null ? "definition" : null, body.DefinitionYaml is not null ? "definition_yaml" : null, body.Name is not null ? "name" : null }
            .OfType<string>().ToList();
        if (given.Count != 1)
        {
            errors.Add(OutcomeError.At("$",
                given.Count == 0 ? "no definition was given" : $"give only one definition, found {string.Join(" and ", given)}",
                "send exactly one of: definition (a JSON object), definition_yaml (YAML text) or name (a published definition, with an optional version)"));
            return null;
        }

        if (body.Version is not null && body.Name is null)
        {
            errors.Add(OutcomeError.At("version", "version is only used with name", "remove version, or evaluate a published definition by name"));
        }

        if (body.Name is { } name)
        {
            if (!DefinitionNames.IsValid(name))
            {
                errors.Add(OutcomeError.At("name", $"'{Clip(name)}' is not a valid definition name", $"definition names are {DefinitionNames.Rule}"));
            }

            if (body.Version is < 1)
            {
                errors.Add(OutcomeError.At("version", $"version must be 1 or more, found {body.Version}", "versions count from 1; omit version for the latest"));
            }

            return null;
        }

        var source = body.Definition is { } json
            ? json.ValueKind == JsonValueKind.Object
                ? new DefinitionSource(json.GetRawText(), DefinitionFormat.Json)
                : Error(OutcomeError.At("definition", $"definition must be a JSON object, found {json.ValueKind.ToString().ToLowerInvariant()}",
                    "send the definition as an object, or YAML text in definition_yaml"))
            : new DefinitionSource(body.DefinitionYaml!, DefinitionFormat.Yaml);
        if (source is null)
        {
            return null;
        }

        var parsed = OutcomeDefinition.Parse(source.Text, source.Format);
        errors.AddRange(parsed.Errors.Select(e => OutcomeError.From(e, source.Format == DefinitionFormat.Json ? "definition" : "definition_yaml")));
        return parsed.IsValid ? source : null;

        DefinitionSource? Error(OutcomeError e)
        {
            errors.Add(e);
            return null;
        }
    }

    private static EvaluationEvent? BindEvent(EvaluateEvent? e, string at, List<OutcomeError> errors)
    {
        if (e is null)
        {
            errors.Add(OutcomeError.At(at, "an event must be an object, found null", "remove the null or write the event"));
            return null;
        }

        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(e.Type))
        {
            errors.Add(OutcomeError.At($"{at}.type", "type is required", "name the event type, e.g. \"ticket.closed\""));
        }
        else if (!EventTypes.IsValid(e.Type))
        {
            errors.Add(OutcomeError.At($"{at}.type", $"type '{Clip(e.Type)}' is not an event type agents can send", EventTypes.Hint(e.Type)));
        }

        DateTimeOffset timestamp = default;
        if (e.Timestamp is null)
        {
            errors.Add(OutcomeError.At($"{at}.timestamp", "timestamp is required", TimestampHint));
        }
        else if (Timestamp(e.Timestamp, $"{at}.timestamp", errors) is { } t)
        {
            timestamp = t;
        }

        var properties = "{}";
        if (e.Properties is { } p && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind == JsonValueKind.Object)
            {
                properties = p.GetRawText();
            }
            else
            {
                errors.Add(OutcomeError.At($"{at}.properties", $"properties must be a JSON object, found {p.ValueKind.ToString().ToLowerInvariant()}", "send properties as an object, e.g. {\"ticket_id\": \"T-1\"}"));
            }
        }

        if (e.Agent is { } agent && string.IsNullOrWhiteSpace(agent.Id))
        {
            errors.Add(OutcomeError.At($"{at}.agent.id", "agent.id is required when agent is given", "name the agent, e.g. {\"id\": \"support-bot\"}, or leave agent out"));
        }

        // The field limits of ingestion (FieldLimits): an event evaluate takes is one an agent can send.
        foreach (var (field, value, limit) in new[]
        {
            ("idempotency_key", e.IdempotencyKey, FieldLimits.MaxIdempotencyKeyLength), ("agent.id", e.Agent?.Id, FieldLimits.MaxAgentFieldLength),
            ("agent.version", e.Agent?.Version, FieldLimits.MaxAgentFieldLength), ("trace_id", e.TraceId, FieldLimits.TraceIdLength), ("span_id", e.SpanId, FieldLimits.SpanIdLength),
        })
        {
            if (value is { } text && text.Length > limit)
            {
                errors.Add(OutcomeError.At($"{at}.{field}", $"{field} is {text.Length} characters long; the limit is {limit}", $"shorten {field} to at most {limit} characters, as ingestion requires"));
            }
        }

        if (e.IdempotencyKey is { Length: 0 })
        {
            errors.Add(OutcomeError.At($"{at}.idempotency_key", "idempotency_key is empty", "leave it out (the key becomes the event's position) or give a non-empty key"));
        }

        var key = e.IdempotencyKey ?? at;
        var id = EventIds.FromIdempotencyKey(EvaluationRequest.Tenant, key);
        if (e.EventId is not null && !Guid.TryParseExact(e.EventId, "D", out id))
        {
            errors.Add(OutcomeError.At($"{at}.event_id", $"'{Clip(e.EventId)}' is not a UUID", "use the 8-4-4-4-12 hex form, or leave event_id out to derive it from the idempotency key"));
        }

        return errors.Count > before
            ? null
            : new EvaluationEvent(id, key, e.Type!, timestamp, properties, e.Agent?.Id, e.Agent?.Version, e.TraceId, e.SpanId);
    }

    private static EvaluationReview? BindReview(EvaluateReview? r, string at, List<OutcomeError> errors)
    {
        if (r is null)
        {
            errors.Add(OutcomeError.At(at, "a review must be an object, found null", "remove the null or write the review"));
            return null;
        }

        var before = errors.Count;
        ReviewVerdict verdict = default;
        switch (r.Verdict)
        {
            case "approve": verdict = ReviewVerdict.Approve; break;
            case "reject": verdict = ReviewVerdict.Reject; break;
            default:
                errors.Add(OutcomeError.At($"{at}.verdict", r.Verdict is null ? "verdict is required" : $"unknown verdict '{Clip(r.Verdict)}'", "use approve or reject"));
                break;
        }

        DateTimeOffset decidedAt = default;
        if (r.DecidedAt is null)
        {
            errors.Add(OutcomeError.At($"{at}.decided_at", "decided_at is required", TimestampHint));
        }
        else if (Timestamp(r.DecidedAt, $"{at}.decided_at", errors) is { } t)
        {
            decidedAt = t;
        }

        return errors.Count > before ? null : new EvaluationReview(verdict, decidedAt, r.DecidedBy, r.Note, r.CorrelationValue);
    }

    /// <summary>An instant by the one rule (<see cref="Instants.TryParse(ReadOnlySpan{char}, out DateTimeOffset)"/>), as ingestion reads it.</summary>
    private static DateTimeOffset? Timestamp(string text, string at, List<OutcomeError> errors)
    {
        var result = Instants.TryParse(text.AsSpan(), out var value);
        if (result == InstantParse.Valid)
        {
            return value;
        }

        var (message, hint) = Instants.Explain(at, text, result);
        errors.Add(OutcomeError.At(at, message, hint));
        return null;
    }

    private static string Clip(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
