using System.Globalization;
using NodaTime;
using Witn.Domain.Common;

namespace Witn.Api.Pages;

/// <summary>Times on pages: in the tenant's zone, named once on the page, each with its UTC offset.</summary>
public static class PageTime
{
    /// <summary>
    /// The tenant's zone from the one zone rule (<see cref="TimeZones"/>, the tzdb billing periods use), so a page
    /// never shows a local time the invoice's periods disagree with; UTC for an id that no longer resolves.
    /// </summary>
    public static DateTimeZone Zone(string? id) =>
        id is { Length: > 0 } && TimeZones.IsValidStored(id) ? TimeZones.GetStored(id) : DateTimeZone.Utc;

    /// <summary><paramref name="at"/> as a local time in <paramref name="zone"/>, with that moment's offset.</summary>
    public static DateTimeOffset In(DateTimeOffset at, DateTimeZone zone) => Instant.FromDateTimeOffset(at).InZone(zone).ToDateTimeOffset();

    /// <summary>"2026-11-05 10:40:00 +01:00": seconds kept (the evidence compares events a second apart), the offset says which 02:30 when clocks fall back.</summary>
    public static string Local(DateTimeOffset at, DateTimeZone zone) =>
        In(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
