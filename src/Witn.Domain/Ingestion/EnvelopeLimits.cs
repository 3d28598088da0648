namespace Witn.Domain.Ingestion;

/// <summary>
/// The limits of a <c>POST /v1/events</c> request, in one place (docs/events.md quotes them); the lengths of an
/// event's text fields are <see cref="Common.FieldLimits"/>, shared with evaluation.
/// </summary>
public static class EnvelopeLimits
{
    /// <summary>Events in one request.</summary>
    public const int MaxEvents = 1_000;

    /// <summary>Bytes in one request body (1 MiB).</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    /// <summary>JSON nesting of the whole body; deeper bodies cannot be read at all (a request-level failure).</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Nesting of the properties: the properties object itself is level 1.</summary>
    public const int MaxPropertiesDepth = 8;

    /// <summary>Bytes of the properties as canonical UTF-8 JSON (64 KiB).</summary>
    public const int MaxPropertiesBytes = 64 * 1024;

    /// <summary>How far ahead of the tenant's clock an event timestamp may be (clock skew of the sender).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);
}
