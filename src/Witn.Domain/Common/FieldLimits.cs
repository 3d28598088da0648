namespace Witn.Domain.Common;

/// <summary>
/// The lengths of the text fields the engine takes, in one place: ingestion, evaluation, definitions, contracts,
/// tenants and keys all check against these, so a value one door accepts is never refused by another
/// (docs/api.md, "Limits on fields").
/// </summary>
public static class FieldLimits
{
    /// <summary>Characters in an event type (<see cref="Events.EventTypes"/>).</summary>
    public const int MaxEventTypeLength = 128;

    /// <summary>Characters (UTF-16 code units) in an idempotency key.</summary>
    public const int MaxIdempotencyKeyLength = 256;

    /// <summary>Characters in an agent id or an agent version.</summary>
    public const int MaxAgentFieldLength = 128;

    /// <summary>Hex digits in a W3C trace id.</summary>
    public const int TraceIdLength = 32;

    /// <summary>Hex digits in a W3C span id.</summary>
    public const int SpanIdLength = 16;

    /// <summary>Characters in a display name: a tenant's or an API key's.</summary>
    public const int MaxNameLength = 200;
}
