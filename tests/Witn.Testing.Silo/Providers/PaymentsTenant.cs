using System.Globalization;

namespace Witn.Testing.Silo.Providers;

/// <summary>
/// The billing the export tests hand to the fake providers: a monthly USD contract with a 10.00 base fee and tickets at
/// 2.50 (optionally a minimum commitment), and the ticket events that charge it.
/// </summary>
public static class PaymentsTenant
{
    public static string Contract(string tenant, decimal? minimumCommit = null) => $"""
        tenant: {tenant}
        currency: USD
        billing_period:
          every: month
          anchor_day: 1
          timezone: UTC
        base_fee: 10.00
        {(minimumCommit is { } m ? $"minimum_commit: {m.ToString("0.00", CultureInfo.InvariantCulture)}" : "")}
        prices:
          ticket_resolved:
            unit_price: 2.50
        effective_from: 2026-01-01
        """;

    /// <summary>A <c>ticket.closed</c> event resolving <paramref name="ticket"/> at <paramref name="at"/>.</summary>
    public static string TicketClosed(string tenant, string ticket, string at) =>
        $$$"""{"tenant_id":"{{{tenant}}}","type":"ticket.closed","timestamp":"{{{at}}}","idempotency_key":"{{{ticket}}}-closed","properties":{"ticket_id":"{{{ticket}}}","resolution":"solved"}}""";
}
