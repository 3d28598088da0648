using System.Text.Json;
using Witn.Domain.Common;
using Witn.Domain.Events;
using Witn.Domain.Tenants;

namespace Witn.Domain.Ingestion;

/// <summary>
/// The ingestion rules as a pure function of (event, tenant context): either the event ready for the log,
/// with its id and content hash, or the first rule it breaks. Rules run in a fixed order (docs/events.md):
/// tenant id, key restriction, tenant existence (so a restricted key learns nothing about other tenants),
/// type, timestamp window, idempotency key, agent, properties.
/// </summary>
public static class EventValidator
{
    public static ValidationResult Validate(ParsedEvent e, TenantContext tenant)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(tenant);
        return Check(e, tenant) is { } rejection ? ValidationResult.Rejected(rejection) : ValidationResult.Valid(Identify(e));
    }

    private static EventRejection? Check(ParsedEvent e, TenantContext tenant)
    {
        var names = e.FieldNames;
        if (!TenantIds.IsValid(e.TenantId))
        {
            return EventRejections.InvalidTenantId(names.TenantId, e.TenantId);
        }

        if (tenant.KeyTenantId is { } keyTenant && !string.Equals(keyTenant, e.TenantId, StringComparison.Ordinal))
        {
            return EventRejections.TenantNotAllowed(names.TenantId, e.TenantId, keyTenant);
        }

        if (!tenant.Exists)
        {
            return EventRejections.UnknownTenant(names.TenantId, e.TenantId);
        }

        if (!EventTypes.IsValid(e.Type))
        {
            return EventRejections.InvalidType(names.Type, e.Type);
        }

        return CheckTimestamp(e, tenant, names) ?? CheckKeyAndAgent(e, names) ?? CheckProperties(e, names);
    }

    private static EventRejection? CheckTimestamp(ParsedEvent e, TenantContext tenant, EventFieldNames names)
    {
        var now = EventTimestamps.Normalize(tenant.Now);
        if (e.Timestamp > now + EnvelopeLimits.MaxFutureSkew)
        {
            return EventRejections.TimestampInFuture(names.Timestamp, e.Timestamp, now);
        }

        // No lower bound when the limit reaches back past the calendar's start (TimeSpan.MaxValue).
        var limit = tenant.BackfillLimit;
        if (limit < now - DateTimeOffset.MinValue)
        {
            var earliest = now - limit;
            if (e.Timestamp < earliest)
            {
                return EventRejections.TimestampTooOld(names.Timestamp, e.Timestamp, earliest, limit);
            }
        }

        return null;
    }

    private static EventRejection? CheckKeyAndAgent(ParsedEvent e, EventFieldNames names)
    {
        if (e.IdempotencyKey is { } key)
        {
            if (key.Length == 0)
            {
                return EventRejections.EmptyIdempotencyKey(names.IdempotencyKey);
            }

            if (key.Length > FieldLimits.MaxIdempotencyKeyLength)
            {
                return EventRejections.IdempotencyKeyTooLong(names.IdempotencyKey, key.Length);
            }
        }

        if (e.Agent is { } agent)
        {
            if (agent.Id.Length is 0 or > FieldLimits.MaxAgentFieldLength)
            {
                return EventRejections.InvalidAgent(names.AgentId, agent.Id.Length);
            }

            if (agent.Version is { Length: 0 or > FieldLimits.MaxAgentFieldLength } version)
            {
                return EventRejections.InvalidAgent(names.AgentVersion, version.Length);
            }
        }

        return null;
    }

    private static EventRejection? CheckProperties(ParsedEvent e, EventFieldNames names)
    {
        if (e.PropertiesKind != JsonValueKind.Object)
        {
            return EventRejections.PropertiesNotObject(names.Properties, e.PropertiesKind);
        }

        if (e.PropertiesDepth > EnvelopeLimits.MaxPropertiesDepth)
        {
            return EventRejections.PropertiesTooDeep(names.Properties, e.PropertiesDepth);
        }

        return e.PropertiesBytes > EnvelopeLimits.MaxPropertiesBytes
            ? EventRejections.PropertiesTooLarge(names.Properties, e.PropertiesBytes)
            : null;
    }

    private static ValidatedEvent Identify(ParsedEvent e)
    {
        var (id, hash) = EventIdentity.Identify(e);
        return new ValidatedEvent(
            id, e.TenantId, e.Type, EventTimestamps.Normalize(e.Timestamp), e.IdempotencyKey, e.Agent?.Id, e.Agent?.Version,
            e.Trace?.TraceId, e.Trace?.SpanId, e.Trace?.ParentSpanId, e.PropertiesJson, hash);
    }
}
