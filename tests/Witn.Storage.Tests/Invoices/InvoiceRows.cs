using System.Globalization;
using Npgsql;
using Witn.Domain.Contracts;
using Witn.Domain.Invoices;
using Witn.Storage.Invoices;
using Witn.Storage.Ledger;

namespace Witn.Storage.Tests.Invoices;

/// <summary>Charges placed in a period, a render callback for finalization, and reads of what the invoice tables hold.</summary>
internal static class InvoiceRows
{
    public static readonly BillingPeriod Monthly = BillingPeriod.Default;

    /// <summary>November 2026 (UTC).</summary>
    public static readonly PeriodRange November = BillingPeriods.Containing(Monthly, new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero));

    /// <summary>December 2026 (UTC), the period after <see cref="November"/>.</summary>
    public static readonly PeriodRange December = BillingPeriods.Next(Monthly, November);

    public static NewCharge Charge(string tenant, string correlation, DateTimeOffset settlesAt, string outcome = "ticket_resolved", string? bucket = null, decimal amount = 2.00m) =>
        new(tenant, outcome, 1, correlation, settlesAt.AddHours(-72), settlesAt, "agent-1", "1.0.0", "{}", amount, 1, "USD", amount, amount,
            """{"events": []}""", Monthly, bucket);

    /// <summary>A deterministic document of the running totals the finalization handed over.</summary>
    public static InvoiceDocument Render(PeriodUsage usage, string number)
    {
        var lines = usage.Outcomes
            .OrderBy(o => o.Outcome, StringComparer.Ordinal).ThenBy(o => o.ContractVersion).ThenBy(o => o.Bucket, StringComparer.Ordinal)
            .Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Outcome}/{o.ContractVersion}/{o.Bucket}={o.Quantity}x{o.UnitPrice}:{o.ValueSum}"))
            .Concat(usage.Credits.OrderBy(c => c.Outcome, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"credit {c.Outcome}={c.Quantity}:{c.AmountMinor}")));
        var total = usage.Outcomes.Sum(o => o.Quantity) * 100 - usage.Credits.Sum(c => c.AmountMinor);
        return new InvoiceDocument($"{number}|{string.Join(';', lines)}", "USD", total);
    }

    /// <summary>How many charges of the tenant landed on a period.</summary>
    public static async Task<long> ChargesOnAsync(NpgsqlDataSource db, string tenant, PeriodRange period)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) FROM charges WHERE tenant_id = $1 AND invoice_period = $2");
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(period.Start.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>How many sessions of this database wait for a lock right now.</summary>
    public static async Task<long> LockWaitersAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The invoice_rollups rows of the tenant, in key order, as text.</summary>
    public static Task<List<string>> RollupsAsync(NpgsqlDataSource db, string tenant) => TextRowsAsync(db, tenant, """
        SELECT period_start, outcome, contract_version, price_bucket, unit_price, quantity, value_sum FROM invoice_rollups
        WHERE tenant_id = $1 ORDER BY 1, 2, 3, 4
        """);

    /// <summary>The same, computed from the charges themselves.</summary>
    public static Task<List<string>> RollupsFromChargesAsync(NpgsqlDataSource db, string tenant) => TextRowsAsync(db, tenant, """
        SELECT invoice_period, outcome, coalesce(contract_version, 0), price_bucket, min(unit_price), count(*), coalesce(sum(value), 0) FROM charges
        WHERE tenant_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        """);

    /// <summary>The invoice_credit_rollups rows of the tenant, in key order, as text.</summary>
    public static Task<List<string>> CreditRollupsAsync(NpgsqlDataSource db, string tenant) => TextRowsAsync(db, tenant, """
        SELECT period_start, outcome, quantity, amount_minor FROM invoice_credit_rollups WHERE tenant_id = $1 ORDER BY 1, 2
        """);

    /// <summary>The same, computed from the credits themselves.</summary>
    public static Task<List<string>> CreditRollupsFromCreditsAsync(NpgsqlDataSource db, string tenant) => TextRowsAsync(db, tenant, """
        SELECT cr.invoice_period, ch.outcome, count(*), coalesce(sum(cr.amount_minor), 0) FROM credits cr JOIN charges ch ON ch.id = cr.charge_id
        WHERE cr.tenant_id = $1 GROUP BY 1, 2 ORDER BY 1, 2
        """);

    /// <summary>The periods of the tenant's charges and credits, one entry per row.</summary>
    public static Task<List<string>> LedgerPeriodsAsync(NpgsqlDataSource db, string tenant) => TextRowsAsync(db, tenant, """
        SELECT 'charge ' || id, invoice_period FROM charges WHERE tenant_id = $1
        UNION ALL SELECT 'credit ' || id, invoice_period FROM credits WHERE tenant_id = $1
        ORDER BY 1
        """);

    private static async Task<List<string>> TextRowsAsync(NpgsqlDataSource db, string tenant, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue(tenant);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => Text(r.IsDBNull(i) ? null : r.GetValue(i)))));
        }

        return rows;
    }

    // Numbers without trailing zeros, so 2.0 and 2.00 (equal sums of different scale) read alike.
    private static string Text(object? value) => value switch
    {
        null => "null",
        decimal d => d.ToString("G29", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };
}
