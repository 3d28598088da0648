using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Ingestion;
using static Witn.Domain.Tests.Ingestion.Envelopes;

namespace Witn.Domain.Tests.Common;

/// <summary>The one reader of text instants (<see cref="Instants.TryParse(ReadOnlySpan{char}, out DateTimeOffset)"/>): RFC 3339, offset required, microseconds.</summary>
public sealed class InstantParserTests
{
    [Theory]
    [InlineData("2026-11-02T09:30:00Z", "2026-11-02T09:30:00.000000Z")]
    [InlineData("2026-11-02t09:30:00z", "2026-11-02T09:30:00.000000Z")]
    [InlineData("2026-11-02T10:30:00+01:00", "2026-11-02T09:30:00.000000Z")]
    [InlineData("2026-11-02T04:00:00-05:30", "2026-11-02T09:30:00.000000Z")]
    [InlineData("2026-11-02T09:30:00.5Z", "2026-11-02T09:30:00.500000Z")]
    [InlineData("2026-11-02T09:30:00.1234567Z", "2026-11-02T09:30:00.123456Z")]
    [InlineData("2026-11-02T09:30:00.123456789Z", "2026-11-02T09:30:00.123456Z")]
    [InlineData("2026-11-02T09:30:00-00:00", "2026-11-02T09:30:00.000000Z")]
    [InlineData("2024-02-29T00:00:00+14:00", "2024-02-28T10:00:00.000000Z")]
    public void an_rfc_3339_instant_is_read_in_utc_truncated_to_microseconds(string text, string expected)
    {
        Assert.Equal(InstantParse.Valid, Instants.TryParse(text.AsSpan(), out var at));
        Assert.Equal(expected, EventTimestamps.Format(at));
        Assert.Equal(TimeSpan.Zero, at.Offset);
    }

    [Theory]
    [InlineData("2026-11-02T09:30:00")]
    [InlineData("2026-11-02")]
    [InlineData("2026-11-02T09:30Z")]
    [InlineData("2026-11-02 09:30:00Z")]
    [InlineData("2026-11-02T09:30:00.Z")]
    [InlineData("2026-11-02T09:30:00.1234567890Z")]
    [InlineData("2026-11-02T09:30:00+0100")]
    [InlineData("2026-11-02T09:30:00+15:00")]
    [InlineData("2026-11-02T24:00:00Z")]
    [InlineData("2026-11-02T09:60:00Z")]
    [InlineData("2026-11-02T09:30:60Z")]
    [InlineData("2026-02-29T09:30:00Z")]
    [InlineData("2026-13-01T09:30:00Z")]
    [InlineData(" 2026-11-02T09:30:00Z")]
    [InlineData("2026-11-02T09:30:00Z ")]
    [InlineData("٢٠٢٦-11-02T09:30:00Z")]
    public void anything_else_is_malformed(string text) =>
        Assert.Equal(InstantParse.Malformed, Instants.TryParse(text.AsSpan(), out _));

    [Theory]
    [InlineData("9000-01-01T00:00:00Z")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("9999-12-31T23:59:59-14:00")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    public void a_well_formed_instant_outside_the_supported_range_is_out_of_range(string text) =>
        Assert.Equal(InstantParse.OutOfRange, Instants.TryParse(text.AsSpan(), out _));

    [Theory]
    [InlineData("2026-11-02T09:30:00.1234567Z")]
    [InlineData("2026-11-02T10:30:00.9999999+01:00")]
    public void ingestion_and_a_definition_literal_read_an_instant_alike(string text)
    {
        Assert.Equal(InstantParse.Valid, Instants.TryParse(text.AsSpan(), out var expected));

        Assert.Equal(expected, Single(With("timestamp", $"\"{text}\"")).Timestamp);

        var qualify = "{\"seen\": \"ticket.closed\", \"where\": {\"$timestamp\": {\"gte\": \"" + text + "\"}}}";
        var definition = OutcomeDefinition.Parse(
            "{\"name\": \"t\", \"correlate_by\": \"ticket_id\", \"settlement\": {\"window\": \"1h\"}, \"qualify\": " + qualify + "}", DefinitionFormat.Json);
        Assert.True(definition.IsValid, string.Join("; ", definition.Errors));
        Assert.Contains(expected.ToString("O", System.Globalization.CultureInfo.InvariantCulture), definition.Definition.ToCanonicalJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void a_definition_timestamp_literal_without_an_offset_is_refused_as_ingestion_refuses_it()
    {
        var result = OutcomeDefinition.Parse("""
            {"name": "t", "correlate_by": "ticket_id", "settlement": {"window": "1h"},
             "qualify": {"seen": "ticket.closed", "where": {"$timestamp": {"gte": "2026-11-02T09:30:00"}}}}
            """, DefinitionFormat.Json);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$timestamp '2026-11-02T09:30:00' is not an instant with a time and an offset", error.Message);
        Assert.Equal(RejectionCodes.InvalidTimestamp, Rejection(With("timestamp", "\"2026-11-02T09:30:00\"")).Code);
    }
}
