using Witn.Domain.Contracts;
using Witn.Domain.Invoices;
using Witn.Domain.Tests.Contracts;

namespace Witn.Domain.Tests.Invoices;

public sealed class InvoiceRaterTests
{
    private static readonly Contract Acme = ExampleContracts.Load("acme");

    private static readonly Contract Globex = ExampleContracts.Load("globex");

    [Fact]
    public void the_acme_example_bills_its_usage_and_tops_up_to_the_minimum_commitment()
    {
        var invoice = InvoiceRater.Rate(Acme, [Flat(Acme, "ticket_resolved", 3, 2.00m), Flat(Acme, "meeting_booked", 1, 120.00m, "lead.segment=enterprise"), Flat(Acme, "meeting_booked", 1, 40.00m)], [], []);

        Assert.Equal(
            [
                (InvoiceLineKind.BaseFee, "base fee", 500.00m),
                (InvoiceLineKind.Outcome, "meeting_booked", 40.00m),
                (InvoiceLineKind.Outcome, "meeting_booked (lead.segment=enterprise)", 120.00m),
                (InvoiceLineKind.Outcome, "ticket_resolved", 6.00m),
                (InvoiceLineKind.MinimumCommit, "minimum commitment true-up", 334.00m),
            ],
            invoice.Lines.Select(l => (l.Kind, l.Description, l.Amount)));
        Assert.Equal(666.00m, invoice.Subtotal);
        Assert.Equal(334.00m, invoice.Adjustments);
        Assert.Equal(1000.00m, invoice.Total);
        Assert.Equal("USD", invoice.Currency);
        Assert.Equal(new InvoiceLine(InvoiceLineKind.Outcome, "ticket_resolved", "ticket_resolved", null, null, null, 1, 3, 2.00m, 6.00m, null, null), invoice.Lines[3]);
    }

    [Fact]
    public void no_true_up_when_the_period_reaches_the_minimum_commitment()
    {
        var invoice = InvoiceRater.Rate(Acme, [Flat(Acme, "ticket_resolved", 250, 2.00m)], [], []);

        Assert.DoesNotContain(invoice.Lines, l => l.Kind == InvoiceLineKind.MinimumCommit);
        Assert.Equal(1000.00m, invoice.Total);
    }

    [Fact]
    public void the_true_up_is_the_difference_to_the_minimum_commitment()
    {
        var invoice = InvoiceRater.Rate(Acme, [Flat(Acme, "ticket_resolved", 249, 2.00m)], [], []);

        Assert.Equal(2.00m, Single(invoice, InvoiceLineKind.MinimumCommit).Amount);
        Assert.Equal(1000.00m, invoice.Total);
    }

    [Theory]
    [InlineData(1000, new[] { 1000.00 }, new long[] { 1, 1000 })]
    [InlineData(1001, new[] { 1000.00, 0.60 }, new long[] { 1, 1000, 1001, 1001 })]
    [InlineData(1500, new[] { 1000.00, 300.00 }, new long[] { 1, 1000, 1001, 1500 })]
    [InlineData(1, new[] { 1.00 }, new long[] { 1, 1 })]
    public void graduated_tiers_price_each_unit_at_its_tier(long count, double[] amounts, long[] units)
    {
        var lines = OutcomeLines(InvoiceRater.Rate(Acme, [Rated(Acme, "password_reset_completed", count)], [], []));

        Assert.Equal(amounts.Select(a => (decimal)a), lines.Select(l => l.Amount));
        Assert.Equal(Enumerable.Range(1, amounts.Length).Cast<int?>(), lines.Select(l => l.Tier));
        Assert.Equal(units, lines.SelectMany(l => new[] { l.FirstUnit!.Value, l.LastUnit!.Value }));
        Assert.Equal(count, lines.Sum(l => l.Quantity));
    }

    [Theory]
    [InlineData(100, 1, 5.00, 500.00)]
    [InlineData(101, 2, 4.00, 404.00)]
    [InlineData(99, 1, 5.00, 495.00)]
    public void volume_tiers_price_every_unit_at_the_tier_the_count_reaches(long count, int tier, double unitPrice, double amount)
    {
        var line = Assert.Single(OutcomeLines(InvoiceRater.Rate(Acme, [Rated(Acme, "code_change_merged", count)], [], [])));

        Assert.Equal(tier, line.Tier);
        Assert.Equal((decimal)unitPrice, line.UnitPrice);
        Assert.Equal((decimal)amount, line.Amount);
        Assert.Equal(count, line.Quantity);
        Assert.Equal((1L, count), (line.FirstUnit, line.LastUnit));
        Assert.Equal("code_change_merged (volume tier " + tier + ")", line.Description);
    }

    [Fact]
    public void percent_prices_charge_the_percent_of_the_summed_values()
    {
        // 1.5 % of 1000.50 is 15.0075: rounded half away from zero to 15.01.
        var usage = new OutcomeUsage("deal_closed_large", 1, Globex.PriceFor("deal_closed_large"), null, null, 2, 1000.50m);

        var line = Assert.Single(InvoiceRater.Rate(Globex, [usage], [], []).Lines);

        Assert.Equal(new InvoiceLine(InvoiceLineKind.Outcome, "deal_closed_large (1.5 % of amount)", "deal_closed_large", null, null, null, 1, 2, null, 15.01m, null, null), line);
    }

    [Fact]
    public void an_outcome_over_its_max_per_period_is_capped_right_after_its_lines()
    {
        // Globex caps ticket_resolved at 3000.00: 2000 × 1.75 = 3500.00.
        var invoice = InvoiceRater.Rate(Globex, [Flat(Globex, "ticket_resolved", 2000, 1.75m), Flat(Globex, "procurement_case_closed", 1, 35.00m)], [], []);

        Assert.Equal(
            [
                (InvoiceLineKind.Outcome, "procurement_case_closed", 35.00m),
                (InvoiceLineKind.Outcome, "ticket_resolved", 3500.00m),
                (InvoiceLineKind.OutcomeCap, "ticket_resolved: max_per_period 3000.00", -500.00m),
            ],
            invoice.Lines.Select(l => (l.Kind, l.Description, l.Amount)));
        Assert.Equal("ticket_resolved", invoice.Lines[2].Outcome);
        Assert.Equal(3535.00m, invoice.Subtotal);
        Assert.Equal(3035.00m, invoice.Total);
    }

    [Fact]
    public void the_outcome_cap_is_the_latest_contract_versions_and_covers_every_version()
    {
        var v1 = new FlatPrice("ticket_resolved", 1.75m, [], 3000m);
        var v2 = new FlatPrice("ticket_resolved", 2.00m, [], 1000m);

        var invoice = InvoiceRater.Rate(Globex, [new OutcomeUsage("ticket_resolved", 2, v2, null, 2.00m, 300, 0), new OutcomeUsage("ticket_resolved", 1, v1, null, 1.75m, 400, 0)], [], []);

        Assert.Equal([(1, 700.00m), (2, 600.00m)], OutcomeLines(invoice).Select(l => (l.ContractVersion!.Value, l.Amount)));
        Assert.Equal(-300.00m, Single(invoice, InvoiceLineKind.OutcomeCap).Amount);
        Assert.Equal(1000.00m, invoice.Total);
    }

    [Fact]
    public void the_contract_cap_limits_outcome_lines_but_not_the_base_fee_or_meters()
    {
        var contract = ExampleContracts.Parse("""
            currency: USD
            base_fee: 100.00
            prices:
              a: { unit_price: 10.00 }
              b: { unit_price: 5.00, max_per_period: 300.00 }
            meters:
              calls: { event: api.called, aggregate: count, unit_price: 0.01 }
            cap:
              max_per_period: 1000.00
            """);

        var invoice = InvoiceRater.Rate(contract, [Flat(contract, "a", 90, 10.00m), Flat(contract, "b", 100, 5.00m)], [new MeterUsage(contract.Meters[0], 5000)], []);

        Assert.Equal(
            [
                (InvoiceLineKind.BaseFee, 100.00m),
                (InvoiceLineKind.Outcome, 900.00m),
                (InvoiceLineKind.Outcome, 500.00m),
                (InvoiceLineKind.OutcomeCap, -200.00m),
                (InvoiceLineKind.Meter, 50.00m),
                (InvoiceLineKind.Cap, -200.00m),
            ],
            invoice.Lines.Select(l => (l.Kind, l.Amount)));
        Assert.Equal(1550.00m, invoice.Subtotal);
        Assert.Equal(-400.00m, invoice.Adjustments);
        Assert.Equal(1150.00m, invoice.Total);
    }

    [Fact]
    public void meters_are_priced_per_unit_or_by_tiers_in_name_order()
    {
        var contract = ExampleContracts.Parse(ExampleContracts.TwoMeters);

        var invoice = InvoiceRater.Rate(contract, [], [new MeterUsage(contract.Meters[1], 2_500_000.5m), new MeterUsage(contract.Meters[0], 1234)], []);

        Assert.Equal(
            [
                ("api_calls", null, 1234m, 1.23m),
                ("tokens (tier 1)", 1, 1_000_000.5m, 2.00m),
                ("tokens (tier 2)", (int?)2, 1_500_000m, 1.50m),
            ],
            invoice.Lines.Select(l => (l.Description, l.Tier, l.Quantity, l.Amount)));
        Assert.All(invoice.Lines, l => Assert.Equal((InvoiceLineKind.Meter, (string?)null, (long?)null), (l.Kind, l.Outcome, l.FirstUnit)));
    }

    [Fact]
    public void credits_are_negative_lines_after_the_true_up_and_do_not_lower_its_basis()
    {
        var invoice = InvoiceRater.Rate(Acme, [Flat(Acme, "ticket_resolved", 3, 2.00m)], [], [new CreditUsage("ticket_resolved", 1, 2.00m), new CreditUsage("meeting_booked", 2, 80.00m)]);

        Assert.Equal(
            [
                (InvoiceLineKind.BaseFee, "base fee", 1m, 500.00m),
                (InvoiceLineKind.Outcome, "ticket_resolved", 3m, 6.00m),
                (InvoiceLineKind.MinimumCommit, "minimum commitment true-up", 1m, 494.00m),
                (InvoiceLineKind.Credit, "credit: meeting_booked", 2m, -80.00m),
                (InvoiceLineKind.Credit, "credit: ticket_resolved", 1m, -2.00m),
            ],
            invoice.Lines.Select(l => (l.Kind, l.Description, l.Quantity, l.Amount)));
        Assert.Equal(506.00m, invoice.Subtotal);
        Assert.Equal(412.00m, invoice.Adjustments);
        Assert.Equal(918.00m, invoice.Total);
    }

    [Fact]
    public void unpriced_charges_show_as_zero_lines_after_every_priced_outcome()
    {
        var invoice = InvoiceRater.Rate(Acme, [new OutcomeUsage("a_new_outcome", 1, null, null, null, 4, 0), Flat(Acme, "ticket_resolved", 1, 2.00m)], [], []);

        var lines = invoice.Lines.Where(l => l.Kind is InvoiceLineKind.Outcome or InvoiceLineKind.Unpriced).ToList();
        Assert.Equal([("ticket_resolved", 2.00m), ("a_new_outcome (unpriced)", 0m)], lines.Select(l => (l.Description, l.Amount)));
        Assert.Equal((InvoiceLineKind.Unpriced, 4m, (decimal?)null), (lines[1].Kind, lines[1].Quantity, lines[1].UnitPrice));
    }

    [Fact]
    public void outcome_lines_follow_the_contract_then_version_then_default_bucket_then_named_buckets_and_unpriced_come_last()
    {
        var older = new FlatPrice("retired_outcome", 1.00m, [], null);
        var meeting = Acme.PriceFor("meeting_booked");

        var invoice = InvoiceRater.Rate(Acme,
            [
                new OutcomeUsage("zzz_unpriced", 2, null, null, null, 1, 0),
                new OutcomeUsage("code_change_merged", 1, null, null, null, 1, 0),
                new OutcomeUsage("retired_outcome", 1, older, null, 1.00m, 1, 0),
                Flat(Acme, "ticket_resolved", 1, 2.00m),
                new OutcomeUsage("meeting_booked", 2, meeting, "lead.segment=smb", 60.00m, 1, 0),
                new OutcomeUsage("meeting_booked", 2, meeting, null, 40.00m, 1, 0),
                new OutcomeUsage("meeting_booked", 2, meeting, "lead.segment=enterprise", 120.00m, 1, 0),
                new OutcomeUsage("meeting_booked", 1, meeting, "lead.segment=smb", 50.00m, 1, 0),
                Rated(Acme, "password_reset_completed", 1001),
            ],
            [],
            []);

        Assert.Equal(
            [
                "base fee",
                "meeting_booked (lead.segment=smb)",
                "meeting_booked",
                "meeting_booked (lead.segment=enterprise)",
                "meeting_booked (lead.segment=smb)",
                "password_reset_completed (tier 1)",
                "password_reset_completed (tier 2)",
                "ticket_resolved",
                "retired_outcome",
                "code_change_merged (unpriced)",
                "zzz_unpriced (unpriced)",
            ],
            invoice.Lines.Select(l => l.Description));
        Assert.Equal([null, 1, 2, 2, 2, 1, 1, 1, 1, 1, 2], invoice.Lines.Select(l => l.ContractVersion));
    }

    [Fact]
    public void jpy_lines_round_to_whole_yen()
    {
        var contract = ExampleContracts.Parse("""
            currency: JPY
            base_fee: 5000
            prices:
              support_chat: { unit_price: 12.5 }
            """);

        var invoice = InvoiceRater.Rate(contract, [Flat(contract, "support_chat", 3, 12.5m)], [], [new CreditUsage("support_chat", 1, 12.5m)]);

        // 3 × 12.5 = 37.5 → 38; the credit −12.5 → −13.
        Assert.Equal([5000m, 38m, -13m], invoice.Lines.Select(l => l.Amount));
        Assert.Equal(5025m, invoice.Total);
    }

    [Fact]
    public void each_line_is_rounded_half_away_from_zero_once()
    {
        var contract = ExampleContracts.Parse("""
            currency: USD
            prices:
              support_chat: { unit_price: 0.125 }
            """);

        var invoice = InvoiceRater.Rate(contract, [Flat(contract, "support_chat", 3, 0.125m)], [], [new CreditUsage("support_chat", 1, 0.125m)]);

        // 3 × 0.125 = 0.375 → 0.38 (not 3 × 0.13); the credit 0.125 → −0.13.
        Assert.Equal([0.38m, -0.13m], invoice.Lines.Select(l => l.Amount));
        Assert.Equal(0.25m, invoice.Total);
    }

    [Fact]
    public void a_flat_usage_without_its_committed_unit_price_is_refused()
    {
        Assert.Throws<ArgumentException>(() => InvoiceRater.Rate(Acme, [new OutcomeUsage("ticket_resolved", 1, Acme.PriceFor("ticket_resolved"), null, null, 1, 0)], [], []));
    }

    private static OutcomeUsage Flat(Contract contract, string outcome, long quantity, decimal unitPrice, string? bucket = null) =>
        new(outcome, 1, contract.PriceFor(outcome), bucket, unitPrice, quantity, 0);

    private static OutcomeUsage Rated(Contract contract, string outcome, long quantity) =>
        new(outcome, 1, contract.PriceFor(outcome), null, null, quantity, 0);

    private static List<InvoiceLine> OutcomeLines(RatedInvoice invoice) => [.. invoice.Lines.Where(l => l.Kind == InvoiceLineKind.Outcome)];

    private static InvoiceLine Single(RatedInvoice invoice, InvoiceLineKind kind) => Assert.Single(invoice.Lines, l => l.Kind == kind);
}
