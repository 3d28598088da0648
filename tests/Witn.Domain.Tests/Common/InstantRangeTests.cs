using System.Globalization;
using Witn.Domain.Common;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Domain.Ingestion;
using Witn.Domain.Invoices;
using Witn.Domain.Tenants;
using static Witn.Domain.Tests.Ingestion.Envelopes;

namespace Witn.Domain.Tests.Common;

/// <summary>The one supported range of instants, [1970-01-01T00:00:00Z, 9000-01-01T00:00:00Z), and each input that takes an instant.</summary>
public sealed class InstantRangeTests
{
    [Theory]
    [InlineData("1970-01-01T00:00:00Z", true)]
    [InlineData("8999-12-31T23:59:59.9999999Z", true)]
    [InlineData("9000-01-01T00:00:00Z", false)]
    [InlineData("1969-12-31T23:59:59.9999999Z", false)]
    [InlineData("0001-01-01T00:00:00Z", false)]
    [InlineData("9999-12-31T23:59:59Z", false)]
    public void the_range_starts_at_the_epoch_inclusive_and_ends_at_9000_exclusive(string at, bool inRange) =>
        Assert.Equal(inRange, Instants.InRange(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)));

    [Fact]
    public void a_date_is_in_range_when_its_midnight_utc_is()
    {
        Assert.True(Instants.InRange(new DateOnly(1970, 1, 1)));
        Assert.True(Instants.InRange(new DateOnly(8999, 12, 31)));
        Assert.False(Instants.InRange(new DateOnly(9000, 1, 1)));
        Assert.False(Instants.InRange(new DateOnly(1969, 12, 31)));
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("9999-12-31T23:59:59-14:00")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("9000-01-01T00:00:00Z")]
    public void an_event_timestamp_outside_the_range_is_rejected_as_out_of_range(string timestamp)
    {
        var rejection = Rejection(With("timestamp", $"\"{timestamp}\""));

        Assert.Equal(
            new EventRejection("timestamp_out_of_range", "timestamp",
                $"timestamp '{timestamp}' is outside the supported range of instants, from 1970-01-01T00:00:00Z (inclusive) to 9000-01-01T00:00:00Z (exclusive): send the time the event happened"),
            rejection);
    }

    [Theory]
    [InlineData("9999-13-31T23:59:59-14:00")]
    [InlineData("2026-11-24T10:00:00-15:00")]
    [InlineData("2026-11-24 10:00:00Z")]
    public void a_malformed_event_timestamp_is_still_an_invalid_timestamp(string timestamp) =>
        Assert.Equal("invalid_timestamp", Rejection(With("timestamp", $"\"{timestamp}\"")).Code);

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9000-01-01T00:00:00Z")]
    public void a_sandbox_clock_start_outside_the_range_is_refused(string start)
    {
        var (tenant, errors) = TenantRules.Apply("lab", new TenantSpec("Lab", null, true, DateTimeOffset.Parse(start, CultureInfo.InvariantCulture), null), null, Now);

        Assert.Null(tenant);
        var error = Assert.Single(errors);
        Assert.Equal("clock_start", error.Path);
        Assert.Contains("outside the supported range of instants", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("9000-01-01")]
    [InlineData("9999-12-31T23:59:59-14:00")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("1969-12-31T23:59:59Z")]
    public void a_contract_effective_from_outside_the_range_is_refused(string from)
    {
        var yaml = File.ReadAllText(Path.Combine(Witn.Testing.ExampleFiles.RepoFolder("contracts"), "acme.yaml"))
            .Replace("effective_from: 2026-01-01", $"effective_from: '{from}'", StringComparison.Ordinal);

        var result = ContractParser.Parse(yaml, DefinitionFormat.Yaml);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("effective_from", error.Path);
        Assert.Contains("outside the supported range of instants", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_period_has_a_contract_when_the_first_version_takes_effect_before_its_end()
    {
        var november = new PeriodRange(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(november.HasContractFrom(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(november.HasContractFrom(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(november.HasContractFrom(november.End));
    }
}
