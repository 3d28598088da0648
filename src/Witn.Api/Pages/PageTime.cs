using System.Globalization;

namespace Witn.Api.Pages;

/// <summary>Times on pages: in the tenant's zone, named once on the page, each with its UTC offset.</summary>
public static class PageTime
{
    /// <summary>The tenant's zone (validated when the tenant was stored); UTC for an id this machine does not know.</summary>
    public static TimeZoneInfo Zone(string? id) =>
        id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>"2026-11-05 10:40:00 +01:00": seconds kept (the evidence compares events a second apart), the offset says which 02:30 when clocks fall back.</summary>
    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
