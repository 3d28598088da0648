using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Witn.Api.Pages;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Evidence;
using Witn.Testing;

namespace Witn.Api.Tests.Pages;

/// <summary>
/// The evidence page rendered from a bundle built the way the grain builds it at commit (moved here from the domain
/// tests with the rendering): what it shows, how it encodes what agents sent, and its times and amounts.
/// </summary>
public sealed class EvidencePageTests
{
    private static readonly DateTimeOffset ClosedAt = DateTimeOffset.Parse("2026-11-02T09:30:00Z", CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset CommitsAt = ClosedAt.AddHours(72).AddMinutes(10);
    private static readonly PageRenderer Renderer = new(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

    [Fact]
    public async Task the_page_is_complete_and_shows_summary_facts_timeline_events_conditions_and_source()
    {
        var bundle = TicketBundle(TicketEvents());

        var html = await RenderAsync(new EvidenceView(bundle, "Acme Corp", NodaTime.DateTimeZone.Utc, 4.50m, "EUR", "ch_123"));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("ticket.closed (resolution = solved) at 2026-11-02 09:30 by support-bot 3.1", html, StringComparison.Ordinal);
        Assert.Contains("4.50 EUR", html, StringComparison.Ordinal);
        Assert.Contains("4bf92f3577b34da6a3ce929d0e0e4736", html, StringComparison.Ordinal);
        Assert.Contains("qualify.all[1].not", html, StringComparison.Ordinal);
        Assert.Contains("<pre># A support ticket closed as solved", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-05T09:40:00Z", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(html, await RenderAsync(new EvidenceView(bundle, "Acme Corp", NodaTime.DateTimeZone.Utc, 4.50m, "EUR", "ch_123")));
    }

    [Fact]
    public async Task hostile_property_values_are_encoded_not_executed()
    {
        var hostile = Event("closed", ClosedAt, new
        {
            ticket_id = "T-1042",
            resolution = "solved",
            note = "<script>alert('x')</script>",
            link = "\"><img src=x onerror=alert(1)>",
        }, new AgentRef("<b>bot</b>", "1&2"));

        var html = await RenderAsync(new EvidenceView(TicketBundle([hostile with { TraceId = "<i>trace</i>" }]), "Acme Corp", NodaTime.DateTimeZone.Utc));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bot", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>trace", html, StringComparison.Ordinal);
        // The renderer's HTML encoder writes an apostrophe as &#x27; (the string builder before it wrote &#39;).
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bot&lt;/b&gt; 1&amp;2", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "USD", "2.00 USD")]
    [InlineData(4.5, "EUR", "4.50 EUR")]
    [InlineData(1500, "JPY", "1,500 JPY")]
    [InlineData(1234.5, "KWD", "1,234.500 KWD")]
    [InlineData(-6, "USD", "−6.00 USD")]
    public async Task the_amount_has_its_currencys_decimals(double amount, string currency, string shown)
    {
        var html = await RenderAsync(new EvidenceView(TicketBundle(TicketEvents()), "Acme Corp", NodaTime.DateTimeZone.Utc, (decimal)amount, currency, "ch_1"));

        Assert.Contains($"<tr><th>Amount</th><td>{shown}</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task times_are_in_the_tenants_zone_with_their_offset_and_the_exact_instant_kept()
    {
        var html = await RenderAsync(new EvidenceView(TicketBundle(TicketEvents()), "Acme Corp", PageTime.Zone("America/New_York")));

        Assert.Contains("Times in America/New_York", html, StringComparison.Ordinal);
        Assert.Contains("<th>Time (America/New_York)</th>", html, StringComparison.Ordinal);
        // The ticket closed at 09:30Z: 04:30 in New York (EST, −05:00 since 2026-11-01).
        Assert.Contains("<time datetime=\"2026-11-02T09:30:00Z\">2026-11-02 04:30:00 -05:00</time>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Tenant</th><td>Acme Corp (acme)</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_customer_view_page_shows_each_hidden_paths_hash_and_never_the_value()
    {
        var events = TicketEvents();
        events[0] = Event("closed", ClosedAt, new { ticket_id = "T-1042", resolution = "solved", customer = new { email = "<b>ann@example.com</b>" } }, new AgentRef("support-bot", "3.1"));
        var customer = EvidenceRedaction.CustomerView(TicketBundle(events), [new PropertyPath("customer.email")]);

        var html = await RenderAsync(EvidenceView.ForCustomer(customer, "Acme Corp", NodaTime.DateTimeZone.Utc, 4.50m, "EUR", "ch_123"));

        Assert.DoesNotContain("ann@example.com", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"mono\">customer.email</span> redacted, sha256 <span class=\"mono\">{customer.Redactions[0].Sha256}</span>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"muted redaction-note\"", html, StringComparison.Ordinal);
        Assert.Contains("4.50 EUR", html, StringComparison.Ordinal);
    }

    private static Task<string> RenderAsync(EvidenceView view) =>
        Renderer.RenderAsync(typeof(EvidencePage), new Dictionary<string, object?> { [nameof(EvidencePage.View)] = view });

    private static OutcomeEvent[] TicketEvents() =>
    [
        Event("closed", ClosedAt, new { ticket_id = "T-1042", resolution = "solved", channel = "email" }, new AgentRef("support-bot", "3.1")) with
        {
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
            SpanId = "00f067aa0ba902b7",
        },
    ];

    /// <summary>Folded and built as the outcome grain does at commit; ingest received each event a second after its timestamp.</summary>
    private static EvidenceBundle TicketBundle(IReadOnlyList<OutcomeEvent> events)
    {
        var source = File.ReadAllText(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"));
        var parsed = OutcomeDefinition.Parse(source, DefinitionFormat.Yaml);
        Assert.True(parsed.IsValid, string.Join(Environment.NewLine, parsed.Errors));
        var definition = CompiledDefinition.Compile(parsed.Definition!);
        var state = OutcomeFold.Restore(definition, events).Evaluate(CommitsAt);
        return EvidenceBuilder.Build("acme", definition, 3, source, 7, state, events.Select(e => EvidenceEvent.From(e, e.Timestamp.AddSeconds(1))));
    }

    private static OutcomeEvent Event(string key, DateTimeOffset at, object properties, AgentRef agent) =>
        new(new Guid(MD5.HashData(Encoding.UTF8.GetBytes("acme/" + key))), "acme", "ticket.closed", at, JsonSerializer.SerializeToElement(properties), key, agent);
}
