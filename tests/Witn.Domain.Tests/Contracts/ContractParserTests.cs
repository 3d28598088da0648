using Witn.Domain.Contracts;
using Witn.Domain.Definitions;

namespace Witn.Domain.Tests.Contracts;

public sealed class ContractParserTests
{
    public static TheoryData<string> AllExamples() => [.. Witn.Testing.ExampleFiles.All("contracts")];

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void every_example_contract_loads_unchanged_including_the_shared_ones(string path)
    {
        var result = ContractParser.Parse(File.ReadAllText(path), DefinitionFormat.Yaml);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void acme_reads_every_field()
    {
        var c = ExampleContracts.Load("acme");

        Assert.Equal("acme", c.Tenant);
        Assert.Equal("USD", c.Currency);
        Assert.Equal(new BillingPeriod(BillingInterval.Month, 1, "UTC"), c.BillingPeriod);
        Assert.Equal(500m, c.BaseFee);
        Assert.Equal(new ContractCap(25000m), c.Cap);
        Assert.Equal(1000m, c.MinimumCommit);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), c.EffectiveFrom);
        Assert.Equal(["code_change_merged", "meeting_booked", "password_reset_completed", "ticket_resolved"], c.Prices.Select(p => p.Outcome));
        Assert.Equal(new FlatPrice("ticket_resolved", 2m, [], null), c.PriceFor("ticket_resolved"));
        Assert.Equal(new FlatPrice("meeting_booked", 40m, [new PriceOverride("lead.segment", "enterprise", 120m)], null), c.PriceFor("meeting_booked"));
        Assert.Equal(new TieredPrice("password_reset_completed", TierMode.Graduated, [new PriceTier(1000m, 1m), new PriceTier(null, 0.6m)], null), c.PriceFor("password_reset_completed"));
        Assert.Equal(new TieredPrice("code_change_merged", TierMode.Volume, [new PriceTier(100m, 5m), new PriceTier(null, 4m)], null), c.PriceFor("code_change_merged"));
        Assert.Empty(c.Meters);
    }

    [Fact]
    public void globex_reads_a_per_outcome_cap_a_percent_price_and_a_date_in_its_time_zone()
    {
        var c = ExampleContracts.Load("globex");

        Assert.Equal("EUR", c.Currency);
        Assert.Equal(new BillingPeriod(BillingInterval.Month, 15, "Europe/Berlin"), c.BillingPeriod);
        Assert.Null(c.BaseFee);
        Assert.Null(c.Cap);
        Assert.Equal(new FlatPrice("ticket_resolved", 1.75m, [], 3000m), c.PriceFor("ticket_resolved"));
        Assert.Equal(new PercentPrice("deal_closed_large", "amount", 1.5m, null), c.PriceFor("deal_closed_large"));
        // 2026-01-01 00:00 in Berlin (CET, UTC+1) is 2025-12-31 23:00 UTC.
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), c.EffectiveFrom);
    }

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void canonical_json_parses_back_to_the_same_contract(string path)
    {
        var contract = ExampleContracts.Parse(File.ReadAllText(path));

        var again = ContractParser.Parse(contract.ToCanonicalJson(), DefinitionFormat.Json);

        Assert.True(again.IsValid, string.Join(Environment.NewLine, again.Errors));
        Assert.Equal(contract, again.Contract);
        Assert.Equal(contract.ToCanonicalJson(), again.Contract.ToCanonicalJson());
    }

    [Fact]
    public void json_and_yaml_spell_the_same_contract()
    {
        var yaml = ExampleContracts.Load("acme");

        var json = ContractParser.Parse("""
            {
              "tenant": "acme", "currency": "USD",
              "billing_period": {"every": "month", "anchor_day": 1, "timezone": "UTC"},
              "base_fee": "500.00",
              "prices": {
                "ticket_resolved": {"unit_price": 2.00},
                "meeting_booked": {"unit_price": 40, "by": {"lead.segment": {"enterprise": 120}}},
                "password_reset_completed": {"mode": "graduated", "tiers": [{"up_to": 1000, "unit_price": 1}, {"unit_price": 0.6}]},
                "code_change_merged": {"mode": "volume", "tiers": [{"up_to": 100, "unit_price": 5}, {"unit_price": 4}]}
              },
              "cap": {"max_per_period": 25000},
              "minimum_commit": 1000,
              "effective_from": "2026-01-01T00:00:00Z"
            }
            """, DefinitionFormat.Json);

        Assert.True(json.IsValid, string.Join(Environment.NewLine, json.Errors));
        Assert.Equal(yaml, json.Contract);
    }

    [Fact]
    public void defaults_fill_a_minimal_contract()
    {
        var c = ExampleContracts.Parse("""
            currency: JPY
            prices:
              ticket_resolved:
                unit_price: 300
            """);

        Assert.Null(c.Tenant);
        Assert.Equal(BillingPeriod.Default, c.BillingPeriod);
        Assert.Null(c.EffectiveFrom);
        Assert.Null(c.Cap);
    }

    [Fact]
    public void an_instant_with_an_offset_is_taken_as_written()
    {
        var c = ExampleContracts.Parse("""
            currency: USD
            billing_period: { every: week, anchor_day: 1, timezone: America/New_York }
            base_fee: 10
            effective_from: 2026-03-01T12:30:00+02:00
            """);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.Zero), c.EffectiveFrom);
        Assert.Equal(new BillingPeriod(BillingInterval.Week, 1, "America/New_York"), c.BillingPeriod);
    }

    [Fact]
    public void meters_read_event_aggregate_property_and_price()
    {
        var c = ExampleContracts.Parse(ExampleContracts.TwoMeters);

        Assert.Equal(
        [
            new Meter("api_calls", "api.called", MeterAggregate.Count, null, 0.001m, TierMode.Graduated, []),
            new Meter("tokens", "llm.completed", MeterAggregate.Sum, "usage.tokens", null, TierMode.Graduated, [new PriceTier(1000000.5m, 0.000002m), new PriceTier(null, 0.000001m)]),
        ], c.Meters);
    }

    public static TheoryData<string, string, string[]> InvalidCases() => new()
    {
        {
            "unknown keys at every level, with suggestions",
            """
            currency: USD
            billing_period: { every: month, anchor: 1 }
            prices:
              ticket_resolved: { unit_prize: 2.00 }
            minimum_comit: 100
            """,
            [
                "billing_period.anchor (line 2, column 33): unknown billing_period field 'anchor' — valid billing_period fields: every, anchor_day, timezone",
                "prices.ticket_resolved (line 4, column 20): the price says neither unit_price, tiers nor percent — add unit_price: 2.00, or mode: graduated with tiers:, or percent_of: amount with percent: 1.5",
                "prices.ticket_resolved.unit_prize (line 4, column 22): unknown price field 'unit_prize' — did you mean 'unit_price'? valid price fields: unit_price, by, mode, tiers, percent_of, percent, max_per_period",
                "minimum_comit (line 5, column 1): unknown top-level field 'minimum_comit' — did you mean 'minimum_commit'? valid top-level fields: tenant, currency, billing_period, base_fee, prices, cap, minimum_commit, effective_from, meters",
            ]
        },
        {
            "unknown currency and time zone",
            """
            currency: usd
            billing_period: { every: month, anchor_day: 1, timezone: Europe/Berlinn }
            base_fee: 10
            """,
            [
                "currency (line 1, column 11): unknown currency 'usd' — write it in upper case: USD",
                "billing_period.timezone (line 2, column 58): unknown time zone 'Europe/Berlinn' — did you mean 'Europe/Berlin'? use an IANA time zone name such as UTC, Europe/Berlin or America/New_York",
            ]
        },
        {
            "missing currency",
            """
            base_fee: 10
            """,
            [
                "currency (line 1, column 1): the field 'currency' is required — add currency: with an ISO 4217 code, e.g. currency: USD",
            ]
        },
        {
            "anchor day outside the month and the week",
            """
            currency: EUR
            billing_period: { every: month, anchor_day: 31 }
            base_fee: 10
            """,
            [
                "billing_period.anchor_day (line 2, column 45): anchor_day 31 is outside 1 to 28 — monthly periods start on a day every month has: 1 to 28 (use 1 for calendar months)",
            ]
        },
        {
            "a weekly anchor is a weekday",
            """
            currency: EUR
            billing_period: { every: week, anchor_day: 8 }
            base_fee: 10
            """,
            [
                "billing_period.anchor_day (line 2, column 44): anchor_day 8 is not a weekday — weekly periods start on an ISO weekday: 1 (Monday) to 7 (Sunday)",
            ]
        },
        {
            "negative prices and amounts",
            """
            currency: USD
            base_fee: -1
            prices:
              ticket_resolved: { unit_price: -2.00 }
              meeting_booked:
                unit_price: 40
                by:
                  lead.segment: { enterprise: -5 }
            """,
            [
                "base_fee (line 2, column 11): an amount cannot be negative, found -1 — write an amount of 0 or more",
                "prices.ticket_resolved.unit_price (line 4, column 34): a price cannot be negative, found -2.00 — write a price of 0 or more; give credits through the ledger, not through prices",
                "prices.meeting_booked.by[\"lead.segment\"].enterprise (line 8, column 35): a price cannot be negative, found -5 — write a price of 0 or more; give credits through the ledger, not through prices",
            ]
        },
        {
            "tiers whose up_to does not increase, and a closed last tier",
            """
            currency: USD
            prices:
              a:
                mode: graduated
                tiers:
                  - up_to: 100
                    unit_price: 1
                  - up_to: 100
                    unit_price: 0.9
                  - up_to: 500
                    unit_price: 0.8
            """,
            [
                "prices.a.tiers[1].up_to (line 8, column 16): up_to 100 is not greater than the previous tier's up_to 100 — list tiers from the lowest; each up_to must be greater than the one before",
                "prices.a.tiers[2].up_to (line 10, column 16): the last tier must be open: it prices everything above the tier before it — remove up_to from the last tier, or add a final tier without up_to for quantities above 500",
            ]
        },
        {
            "an open tier before the last, an unknown mode",
            """
            currency: USD
            prices:
              a:
                mode: stepped
                tiers:
                  - unit_price: 1
                  - unit_price: 0.5
            """,
            [
                "prices.a.mode (line 4, column 11): unknown tier mode 'stepped' — use graduated (each unit priced at the tier it falls in) or volume (all units at the tier the total reaches)",
                "prices.a.tiers[0] (line 6, column 9): only the last tier may be open (without up_to) — give this tier an up_to, or make it the last tier",
            ]
        },
        {
            "cap below the minimum commit",
            """
            currency: USD
            prices:
              a: { unit_price: 1 }
            cap:
              max_per_period: 500.00
            minimum_commit: 1000.00
            """,
            [
                "cap.max_per_period (line 5, column 3): the cap 500.00 is below the minimum commit 1000.00, so usage could never reach the commitment — raise cap.max_per_period to at least 1000.00, or lower minimum_commit",
            ]
        },
        {
            "too many decimals for a unit price and for an amount",
            """
            currency: USD
            base_fee: 500.001
            prices:
              a: { unit_price: 0.0000001 }
              b: { unit_price: 0.000001, max_per_period: 10.5 }
            """,
            [
                "base_fee (line 2, column 11): 500.001 has more decimals than USD has minor units (2) — write the amount in whole minor units, e.g. 500.00",
                "prices.a.unit_price (line 4, column 20): the unit price 0.0000001 has 7 decimals; at most 6 are allowed — round it to 6 decimals, e.g. 0.000000",
            ]
        },
        {
            "two kinds of price, and by without unit_price",
            """
            currency: USD
            prices:
              a:
                unit_price: 1
                tiers: [{ unit_price: 1 }]
              b:
                percent_of: amount
                percent: 2
                by: { region: { eu: 1 } }
            """,
            [
                "prices.a.tiers (line 5, column 5): a price is one of unit_price, tiers or percent, but 'unit_price' and 'tiers' are both given — keep one kind of price per outcome",
                "prices.b.by (line 9, column 5): by only goes with unit_price — remove by, or price the outcome with unit_price",
            ]
        },
        {
            "percent outside 0 to 100, tenant and effective_from malformed",
            """
            tenant: Acme Corp
            currency: USD
            prices:
              deal: { percent_of: amount, percent: 150 }
            effective_from: next monday
            """,
            [
                "tenant (line 1, column 9): 'Acme Corp' is not a valid tenant id — use 1-64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit, or leave tenant out",
                "prices.deal.percent (line 4, column 40): percent 150 is outside 0 to 100 — write the percentage itself: 1.5 means 1.5 %",
                "effective_from (line 5, column 17): 'next monday' is not a date or an instant — write a date such as 2026-01-01 (00:00 in the billing time zone) or an instant with its offset such as 2026-01-01T00:00:00Z",
            ]
        },
        {
            "meters: count with a property, sum without one, unknown aggregate",
            """
            currency: USD
            meters:
              calls: { event: api.called, aggregate: count, property: x, unit_price: 0.01 }
              tokens: { event: llm.completed, aggregate: sum, unit_price: 0.01 }
              users: { event: user.seen, aggregate: distinct, property: user_id, unit_price: 1 }
            """,
            [
                "meters.calls.property (line 3, column 49): a count meter counts events and reads no property — remove property, or use sum, max or unique_count to read it",
                "meters.tokens.property (line 4, column 11): the field 'property' is required — add property: with the event property to aggregate, e.g. property: tokens",
                "meters.users.aggregate (line 5, column 41): unknown aggregate 'distinct' — use count, sum, max or unique_count",
            ]
        },
        {
            "by on two dimensions",
            """
            currency: USD
            prices:
              meeting_booked:
                unit_price: 40
                by:
                  region: { emea: 45 }
                  lead.segment: { enterprise: 120 }
            """,
            [
                "prices.meeting_booked.by[\"lead.segment\"] (line 7, column 7): by prices on one dimension, but 'region' and 'lead.segment' are both given — keep the dimension that sets the price; to price by two properties, give the definition one dimension that combines them",
            ]
        },
        {
            "a contract that charges nothing",
            """
            currency: USD
            """,
            [
                "(document) (line 1, column 1): the contract charges nothing — add prices: for outcomes, meters: for usage, or a base_fee:",
            ]
        },
        {
            "an empty contract",
            """
            # nothing yet
            """,
            [
                "(document) (line 1, column 1): the contract is empty — start with currency:, billing_period: and prices:",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void invalid_contracts_report_every_error_with_path_position_and_hint(string because, string yaml, string[] expected)
    {
        var result = ContractParser.Parse(yaml, DefinitionFormat.Yaml);

        Assert.False(result.IsValid, because);
        Assert.Null(result.Contract);
        Assert.Equal(expected, result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void json_errors_carry_paths_without_positions()
    {
        var result = ContractParser.Parse("""{"currency": "USD", "prices": {"a": {"unit_price": "two"}}}""", DefinitionFormat.Json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(new ContractError("prices.a.unit_price", null, null, "expected a number", "write the price as a number, e.g. 2.00"), error);
    }

    [Fact]
    public void broken_yaml_is_an_error_at_its_position()
    {
        var result = ContractParser.Parse("currency: USD\nprices: [\n", DefinitionFormat.Yaml);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void an_unknown_outcome_is_a_warning_only_when_the_known_outcomes_are_given()
    {
        var text = ExampleContracts.Text("globex");

        var without = ContractParser.Parse(text, DefinitionFormat.Yaml);
        var with = ContractParser.Parse(text, DefinitionFormat.Yaml, ["ticket_resolved", "procurement_case_closed", "deal_closed"]);

        Assert.True(without.IsValid);
        Assert.Empty(without.Warnings);
        Assert.True(with.IsValid);
        var warning = Assert.Single(with.Warnings);
        Assert.Equal(
            "prices.deal_closed_large (line 14, column 3): no outcome definition is named 'deal_closed_large' — the price applies once a definition with this name is published (PUT /v1/outcomes/deal_closed_large)",
            warning.ToString());
    }

    [Fact]
    public void a_misspelt_outcome_warning_suggests_the_known_name()
    {
        var result = ContractParser.Parse("currency: USD\nprices:\n  ticket_resolvd: { unit_price: 1 }\n", DefinitionFormat.Yaml, ["ticket_resolved"]);

        Assert.True(result.IsValid);
        Assert.StartsWith("did you mean 'ticket_resolved'? ", Assert.Single(result.Warnings).Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void warnings_are_kept_next_to_errors()
    {
        var result = ContractParser.Parse("currency: XYZ\nprices:\n  nope: { unit_price: 1 }\n", DefinitionFormat.Yaml, []);

        Assert.False(result.IsValid);
        Assert.Equal("currency", Assert.Single(result.Errors).Path);
        Assert.Equal("prices.nope", Assert.Single(result.Warnings).Path);
    }
}
