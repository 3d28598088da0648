using Npgsql;
using Witn.Storage.Ledger;

namespace Witn.Storage.Tests.Ledger;

/// <summary>Builds charges for tests and reads the outbox, which the store has no API for yet.</summary>
internal static class Charges
{
    // Sub-microsecond ticks on purpose: the store must truncate them so what it returns equals what it stored.
    public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    public static string NewTenant() => $"t-{Guid.NewGuid():N}"[..14];

    public static NewCharge Charge(
        string tenant, string outcome = "ticket.resolved", string correlation = "T-1", decimal? amount = 1.50m,
        string? currency = "USD", DateTimeOffset? at = null) =>
        new(tenant, outcome, 3, correlation, at ?? Start, (at ?? Start).AddHours(72), "agent-1", "1.0.0",
            """{"queue": "billing"}""", 1m, amount is null ? null : 7, currency, amount, amount,
            """{"events": [{"id": "e-1", "type": "ticket.resolved"}]}""", Witn.Domain.Contracts.BillingPeriod.Default);

    public static async Task<long> OutboxCountAsync(NpgsqlDataSource db, string tenant, string kind)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) FROM ledger_outbox WHERE tenant_id = $1 AND kind = $2");
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(kind);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
