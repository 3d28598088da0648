using System.Globalization;

namespace Witn.Domain.Ingestion;

/// <summary>
/// Instants as stored: UTC, truncated to whole microseconds, because PostgreSQL's timestamptz keeps
/// microseconds and what is stored must equal what was hashed and identified, or held in memory and compared
/// with what a reload returns. The one place for that rule (event time, ledger, outcome and contract rows).
/// </summary>
public static class EventTimestamps
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>UTC, truncated (not rounded) to the microsecond.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <inheritdoc cref="Normalize(DateTimeOffset)"/>
    public static DateTimeOffset? Normalize(DateTimeOffset? timestamp) => timestamp is { } t ? Normalize(t) : null;

    /// <summary>The canonical text: <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>, always six fraction digits, in UTC.</summary>
    public static string Format(DateTimeOffset timestamp) =>
        Normalize(timestamp).UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes <see cref="Format"/> as UTF-8 (27 bytes) without allocating.</summary>
    public static int Write(DateTimeOffset timestamp, Span<byte> destination)
    {
        Normalize(timestamp).UtcDateTime.TryFormat(destination, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
        return written;
    }
}
