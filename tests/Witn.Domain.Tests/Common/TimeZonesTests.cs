using System.Globalization;
using Witn.Domain.Common;
using Witn.Domain.Tenants;

namespace Witn.Domain.Tests.Common;

/// <summary>The one way to check a zone name and to find where a local day starts (<see cref="TimeZones"/>).</summary>
public sealed class TimeZonesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    // Midnight is skipped (a DST gap at 00:00): the day starts at the first instant after the gap, 01:00 local.
    [InlineData("America/Santiago", "2026-09-06", "2026-09-06T04:00:00Z")]
    [InlineData("Asia/Beirut", "2026-03-29", "2026-03-28T22:00:00Z")]
    [InlineData("America/Havana", "2026-03-08", "2026-03-08T05:00:00Z")]
    // Midnight happens twice (the clocks fall back from 01:00 to 00:00): the earlier one.
    [InlineData("America/Havana", "2025-11-02", "2025-11-02T04:00:00Z")]
    // An ordinary day.
    [InlineData("Europe/Berlin", "2026-07-01", "2026-06-30T22:00:00Z")]
    // The whole day was skipped (Samoa crossed the date line): it starts, and ends, where the next day starts.
    [InlineData("Pacific/Apia", "2011-12-30", "2011-12-30T10:00:00Z")]
    public void a_local_day_starts_at_its_first_instant(string zone, string date, string expected)
    {
        var start = TimeZones.StartOfDay(TimeZones.GetStored(zone), DateOnly.Parse(date, CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
    }

    [Theory]
    [InlineData("Europe/Berlinn", "did you mean 'Europe/Berlin'? use an IANA time zone name such as UTC, Europe/Berlin or America/New_York")]
    [InlineData("europe/berlin", "did you mean 'Europe/Berlin'? time zone names are case-sensitive")]
    [InlineData("localtime", "use an IANA time zone name such as UTC, Europe/Berlin or America/New_York")]
    [InlineData("posix/Europe/Berlin", "use an IANA time zone name such as UTC, Europe/Berlin or America/New_York")]
    [InlineData("Mars/Olympus", "use an IANA time zone name such as UTC, Europe/Berlin or America/New_York")]
    public void an_unknown_zone_name_is_refused_with_a_suggestion(string id, string hint)
    {
        Assert.False(TimeZones.IsValid(id));
        Assert.Equal(hint, TimeZones.Hint(id));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("America/Santiago")]
    [InlineData("Asia/Calcutta")]
    public void tz_database_names_and_their_aliases_are_zones(string id) => Assert.True(TimeZones.IsValid(id));

    [Fact]
    public void a_tenant_given_a_system_file_name_that_is_no_zone_name_is_refused()
    {
        // localtime is whatever zone the machine runs in: the same tenant would bill differently on each silo.
        var (_, errors) = TenantRules.Apply("acme", new TenantSpec("Acme", "localtime", null, null, null), null, Now);

        var error = Assert.Single(errors);
        Assert.Equal("timezone", error.Path);
        Assert.Equal("unknown time zone 'localtime'", error.Message);
    }

    [Fact]
    public void a_tenant_stored_with_a_name_only_the_system_knew_can_still_be_updated()
    {
        var stored = new Tenant("acme", "Acme", "posix/Europe/Berlin", false, null, null, TimeSpan.FromDays(35), Now, Now, false, TimeSpan.FromHours(1));

        var (updated, errors) = TenantRules.Apply("acme", new TenantSpec("Acme Corp", null, null, null, null), stored, Now);

        Assert.Empty(errors);
        Assert.Equal("posix/Europe/Berlin", updated!.TimeZone);
    }
}
