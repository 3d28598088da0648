using Witn.Domain.Contracts;
using Witn.Domain.Invoices;
using Witn.Domain.Tests.Contracts;

namespace Witn.Domain.Tests.Invoices;

public sealed class CreditValuationTests
{
    private static readonly Contract Acme = ExampleContracts.Load("acme");

    [Fact]
    public void a_charge_with_an_amount_is_credited_that_amount()
    {
        Assert.Equal(120.00m, CreditValuation.AmountFor(Acme.PriceFor("meeting_booked"), 120.00m, null, 7, "USD"));
    }

    [Fact]
    public void a_percent_price_credits_the_percent_of_the_charges_own_value()
    {
        var percent = new PercentPrice("deal_closed_large", "amount", 1.5m, null);

        Assert.Equal(180.01m, CreditValuation.AmountFor(percent, null, 12_000.5m, 3, "EUR"));
    }

    [Fact]
    public void a_tiered_price_credits_the_average_unit_price_of_its_line()
    {
        // 1,001 graduated resets: 1,000 × 1.00 + 1 × 0.60 = 1,000.60, i.e. 0.9996… each, rounded to 1.00.
        Assert.Equal(1.00m, CreditValuation.AmountFor(Acme.PriceFor("password_reset_completed"), null, null, 1_001, "USD"));
        // 101 volume changes all at 4.00.
        Assert.Equal(4.00m, CreditValuation.AmountFor(Acme.PriceFor("code_change_merged"), null, null, 101, "USD"));
    }

    [Fact]
    public void an_unpriced_charge_gives_nothing_back()
    {
        Assert.Null(CreditValuation.AmountFor(null, null, null, 0, null));
        Assert.Null(CreditValuation.AmountFor(Acme.PriceFor("ticket_resolved"), null, null, 1, null));
    }
}
