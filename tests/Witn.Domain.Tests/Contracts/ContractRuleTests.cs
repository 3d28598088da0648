using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Domain.Invoices;

namespace Witn.Domain.Tests.Contracts;

/// <summary>Contracts follow the engine's one rule for event types, zones and local days, and stored contracts still load.</summary>
public sealed class ContractRuleTests
{
    private const string UpperCaseMeter = """
        currency: USD
        meters:
          calls: { event: API.Called, aggregate: count, unit_price: 0.001 }
        """;

    [Fact]
    public void a_meter_on_an_event_type_agents_cannot_send_is_refused_with_its_path_and_the_fix()
    {
        var result = ContractParser.Parse(UpperCaseMeter, DefinitionFormat.Yaml);

        var error = Assert.Single(result.Errors);
        Assert.Equal("meters.calls.event", error.Path);
        Assert.Equal("'API.Called' is not an event type agents can send, so the meter would never count anything", error.Message);
        Assert.StartsWith("write it in lower case, api.called:", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void a_stored_contract_with_a_meter_on_an_old_style_event_type_still_loads()
    {
        const string Stored = """
            {"currency":"USD","billing_period":{"every":"month","anchor_day":1,"timezone":"UTC"},
             "meters":{"calls":{"event":"API.Called","aggregate":"count","unit_price":"0.001"}}}
            """;

        Assert.False(ContractParser.Parse(Stored, DefinitionFormat.Json).IsValid);
        var stored = ContractParser.ParseStored(Stored);

        Assert.True(stored.IsValid, string.Join("; ", stored.Errors));
        Assert.Equal("API.Called", Assert.Single(stored.Contract.Meters).Event);
    }

    [Fact]
    public void a_zone_only_the_system_knew_is_refused_but_a_stored_one_still_loads_as_that_zone()
    {
        const string Json = """{"currency":"USD","billing_period":{"every":"month","anchor_day":1,"timezone":"posix/Europe/Berlin"},"base_fee":"10"}""";

        var error = Assert.Single(ContractParser.Parse(Json, DefinitionFormat.Json).Errors);
        Assert.Equal("billing_period.timezone", error.Path);

        var stored = ContractParser.ParseStored(Json);
        Assert.True(stored.IsValid, string.Join("; ", stored.Errors));
        Assert.Equal(
            BillingPeriods.Containing(new BillingPeriod(BillingInterval.Month, 1, "Europe/Berlin"), At("2026-07-10T00:00:00Z")),
            BillingPeriods.Containing(stored.Contract.BillingPeriod, At("2026-07-10T00:00:00Z")));
    }

    [Fact]
    public void a_zone_name_in_the_wrong_case_is_refused_with_its_spelling()
    {
        const string Json = """{"currency":"USD","billing_period":{"every":"month","anchor_day":1,"timezone":"europe/berlin"},"base_fee":"10"}""";

        var error = Assert.Single(ContractParser.Parse(Json, DefinitionFormat.Json).Errors);

        Assert.Equal("did you mean 'Europe/Berlin'? time zone names are case-sensitive", error.Hint);
    }

    [Theory]
    // Havana fell back from 01:00 to 00:00 on 2025-11-02 (UTC−4 to UTC−5): midnight is 04:00Z and 05:00Z; the earlier counts.
    [InlineData("America/Havana", "2025-11-02", "2025-11-02T04:00:00Z")]
    // Santiago springs forward at 00:00 on 2026-09-06 (UTC−4 to UTC−3): the day starts at 01:00, 04:00Z.
    [InlineData("America/Santiago", "2026-09-06", "2026-09-06T04:00:00Z")]
    // Beirut springs forward at 00:00 on 2026-03-29 (UTC+2 to UTC+3): the day starts at 01:00, 22:00Z the day before.
    [InlineData("Asia/Beirut", "2026-03-29", "2026-03-28T22:00:00Z")]
    public void a_contract_starting_on_a_date_starts_where_that_dates_billing_period_starts(string zone, string date, string expected)
    {
        var json = $$"""{"currency":"USD","billing_period":{"every":"month","anchor_day":1,"timezone":"{{zone}}"},"base_fee":"10","effective_from":"{{date}}"}""";

        var result = ContractParser.Parse(json, DefinitionFormat.Json);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(At(expected), result.Contract.EffectiveFrom);
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var weekly = new BillingPeriod(BillingInterval.Week, ((int)day.DayOfWeek + 6) % 7 + 1, zone);
        Assert.Equal(At(expected), BillingPeriods.FromLocalStart(weekly, day)!.Start);
    }

    [Theory]
    [InlineData("2026-01-01T00:00Z")]
    [InlineData("2026-01-01T00:00:00")]
    [InlineData("2026-01-01 00:00:00Z")]
    public void an_effective_from_instant_is_read_by_the_one_instant_rule(string text)
    {
        var json = $$"""{"currency":"USD","base_fee":"10","effective_from":"{{text}}"}""";

        var error = Assert.Single(ContractParser.Parse(json, DefinitionFormat.Json).Errors);

        Assert.Equal("effective_from", error.Path);
    }

    [Fact]
    public void an_effective_from_instant_keeps_microseconds_as_the_ledger_does()
    {
        var result = ContractParser.Parse("""{"currency":"USD","base_fee":"10","effective_from":"2026-01-01T00:00:00.1234567+01:00"}""", DefinitionFormat.Json);

        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), result.Contract!.EffectiveFrom);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
