using Witn.Domain.Evidence;
using Witn.Domain.Tests.Support;
using static Witn.Domain.Tests.Evidence.EvidenceCases;

namespace Witn.Domain.Tests.Evidence;

public sealed class EvidenceHtmlTests
{
    [Fact]
    public void the_page_is_complete_and_shows_summary_facts_timeline_events_conditions_and_source()
    {
        var bundle = TicketBundle(TicketEvents(), TicketCommitsAt);

        var html = EvidenceHtml.Render(bundle, new EvidenceCharge(4.50m, "EUR", "ch_123"));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Contains("ticket.closed (resolution = solved) at 2026-11-02 09:30 by support-bot 3.1", html, StringComparison.Ordinal);
        Assert.Contains("4.50 EUR", html, StringComparison.Ordinal);
        Assert.Contains("4bf92f3577b34da6a3ce929d0e0e4736", html, StringComparison.Ordinal);
        Assert.Contains("qualify.all[1].not", html, StringComparison.Ordinal);
        Assert.Contains("<pre># A support ticket closed as solved", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-05T09:40:00Z", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(html, EvidenceHtml.Render(bundle, new EvidenceCharge(4.50m, "EUR", "ch_123")));
    }

    [Fact]
    public void hostile_property_values_are_encoded_not_executed()
    {
        var hostile = Ev.Make("closed", "ticket.closed", ClosedAt, new
        {
            ticket_id = "T-1042",
            resolution = "solved",
            note = "<script>alert('x')</script>",
            link = "\"><img src=x onerror=alert(1)>",
        }, "<b>bot</b>", "1&2");

        var html = EvidenceHtml.Render(TicketBundle([hostile with { TraceId = "<i>trace</i>" }], TicketCommitsAt));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bot", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>trace", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bot&lt;/b&gt; 1&amp;2", html, StringComparison.Ordinal);
    }
}
