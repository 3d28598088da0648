using Witn.Domain.Exports;

namespace Witn.Domain.Tests.Exports;

/// <summary>Every Stripe request an invoice makes is derived from the invoice alone, so each retry is the same request.</summary>
public sealed class StripePlanTests
{
    private static readonly ExportInvoice Invoice = new(
        Guid.Parse("01a23ca0-887a-7b3e-b70a-5dcdaf6539d5"), "acme", "ACME-00001", new DateOnly(2026, 11, 1), "USD", 1750,
        [
            new ExportLine(0, "base_fee", "Base fee", null, 1, 1000, 0, null),
            new ExportLine(1, "outcome", "ticket_resolved", "ticket_resolved", 3, 750, 3, "/v1/tenants/acme/invoices/2026-11-01/lines/1/items"),
            new ExportLine(2, "unpriced", "lead_booked", "lead_booked", 2, 0, 2, null),
        ]);

    [Fact]
    public void lines_of_zero_are_left_out_and_each_item_is_keyed_by_invoice_and_line()
    {
        var items = StripePlan.Items(Invoice, "https://billing.example.com/");
        Assert.Equal([0, 1], items.Select(i => i.Line));
        Assert.Equal(["witn-invoice-01a23ca0887a7b3eb70a5dcdaf6539d5-line-0", "witn-invoice-01a23ca0887a7b3eb70a5dcdaf6539d5-line-1"], items.Select(i => i.IdempotencyKey));
        Assert.Equal("3 × ticket_resolved", items[1].Description);
        Assert.Equal("usd", items[1].Currency);
        Assert.Equal("https://billing.example.com/v1/tenants/acme/invoices/2026-11-01/lines/1/items", items[1].Metadata["witn_evidence"]);
        Assert.Equal("3", items[1].Metadata["witn_rows"]);
    }

    [Fact]
    public void planning_twice_gives_the_same_requests_and_a_new_round_new_keys()
    {
        var once = StripePlan.Items(Invoice, null);
        var twice = StripePlan.Items(Invoice, null);
        Assert.Equal(once.Select(i => (i.IdempotencyKey, i.AmountMinor, i.Description, string.Join(",", i.Metadata))), twice.Select(i => (i.IdempotencyKey, i.AmountMinor, i.Description, string.Join(",", i.Metadata))));
        Assert.All(StripePlan.Items(Invoice, null, round: 2), i => Assert.EndsWith($"-r2-line-{i.Line}", i.IdempotencyKey, StringComparison.Ordinal));
        Assert.NotEqual(StripePlan.InvoiceKey(Invoice.Id), StripePlan.InvoiceKey(Invoice.Id, 1));
    }
}
