using NodaTime;

namespace Witn.Domain.Common;

/// <summary>
/// Time zones and local days, in one place for contracts, billing periods, invoices and tenants: IANA names from
/// the tz database that ships inside NodaTime (<see cref="DateTimeZoneProviders.Tzdb"/>), so every silo reads a zone
/// the same way whatever its operating system has installed. A local day starts at 00:00; where 00:00 does not exist
/// (a DST gap at midnight: America/Santiago, America/Havana, Asia/Beirut) at the first instant after the gap, and
/// where it happens twice, at the earlier one (<see cref="DateTimeZone.AtStartOfDay"/>), so days never overlap or
/// leave gaps.
/// </summary>
public static class TimeZones
{
    /// <summary>The zone named <paramref name="id"/> as a client may write it: an IANA name of the tz database.</summary>
    public static DateTimeZone? Find(string? id) => id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>True when <paramref name="id"/> names a zone a client may use.</summary>
    public static bool IsValid(string? id) => Find(id) is not null;

    /// <summary>
    /// The zone of a name stored earlier. Before the tz database was the rule, a Windows name the system could map
    /// ("W. Europe Standard Time") was accepted too; such a name still loads, as its IANA zone.
    /// </summary>
    public static DateTimeZone GetStored(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Find(id)
            ?? (TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) ? Find(iana) : null)
            ?? throw new InvalidDataException($"the stored time zone '{id}' is not in the tz database");
    }

    /// <summary>True when a name stored earlier still resolves (see <see cref="GetStored"/>).</summary>
    public static bool IsValidStored(string? id) =>
        IsValid(id) || (id is not null && TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) && IsValid(iana));

    /// <summary>How to fix an unknown name: its IANA spelling (case, Windows name) or the closest name, then an example.</summary>
    public static string Hint(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        const string Example = "use an IANA time zone name such as UTC, Europe/Berlin or America/New_York";
        var ids = DateTimeZoneProviders.Tzdb.Ids;
        if (ids.FirstOrDefault(z => string.Equals(z, id, StringComparison.OrdinalIgnoreCase)) is { } cased)
        {
            return $"did you mean '{cased}'? time zone names are case-sensitive";
        }

        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) && IsValid(iana))
        {
            return $"'{id}' is a Windows name: use its IANA name '{iana}'";
        }

        return Suggestions.DidYouMean(id, ids) + Example;
    }

    /// <summary>The first instant of <paramref name="date"/> in <paramref name="zone"/> (see the class remarks on DST).</summary>
    public static DateTimeOffset StartOfDay(DateTimeZone zone, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(zone);
        try
        {
            return zone.AtStartOfDay(NodaTime.LocalDate.FromDateOnly(date)).ToDateTimeOffset().ToUniversalTime();
        }
        catch (SkippedTimeException)
        {
            // The whole day was skipped (Pacific/Apia, 2011-12-30): it lasts no time, starting where the next day does.
            return StartOfDay(zone, date.AddDays(1));
        }
    }

    /// <summary>The local calendar date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly DateOf(DateTimeZone zone, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Instant.FromDateTimeOffset(instant).InZone(zone).Date.ToDateOnly();
    }
}
