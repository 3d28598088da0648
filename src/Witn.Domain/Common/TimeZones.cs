using NodaTime;
using NodaTime.TimeZones;

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
    /// The zone of a name stored earlier. Before the tz database was the rule, any name the silo's own zone files held
    /// was accepted (posix/Europe/Berlin, localtime); such a name still loads, as the system reads it.
    /// </summary>
    public static DateTimeZone GetStored(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Find(id) ?? (FindSystem(id) is { } system ? BclDateTimeZone.FromTimeZoneInfo(system) : null)
            ?? throw new InvalidDataException($"the stored time zone '{id}' is neither in the tz database nor in this system's zone files");
    }

    /// <summary>True when a name stored earlier still resolves (see <see cref="GetStored"/>).</summary>
    public static bool IsValidStored(string? id) => IsValid(id) || (id is not null && FindSystem(id) is not null);

    /// <summary>How to fix an unknown name: its spelling when only the case is wrong, or the closest name, then an example.</summary>
    public static string Hint(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var ids = DateTimeZoneProviders.Tzdb.Ids;
        if (ids.FirstOrDefault(z => string.Equals(z, id, StringComparison.OrdinalIgnoreCase)) is { } cased)
        {
            return $"did you mean '{cased}'? time zone names are case-sensitive";
        }

        return Suggestions.DidYouMean(id, ids) + "use an IANA time zone name such as UTC, Europe/Berlin or America/New_York";
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

    private static TimeZoneInfo? FindSystem(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }
}
