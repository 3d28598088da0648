using System.Globalization;

namespace Witn.Domain.Common;

/// <summary>How documents the engine writes (evidence, invoices) show an instant: ISO 8601 in UTC, no trailing zeros.</summary>
public static class Instants
{
    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
