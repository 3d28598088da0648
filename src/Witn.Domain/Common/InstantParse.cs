namespace Witn.Domain.Common;

/// <summary>What <see cref="Instants.TryParse(ReadOnlySpan{char}, out DateTimeOffset)"/> found.</summary>
public enum InstantParse
{
    /// <summary>An RFC 3339 instant in the supported range.</summary>
    Valid,

    /// <summary>Not an RFC 3339 date and time with an offset (a date alone, no offset, no seconds, 25:00, Feb 30).</summary>
    Malformed,

    /// <summary>Well formed, but outside <see cref="Instants.Earliest"/> to <see cref="Instants.End"/>.</summary>
    OutOfRange,
}
