using Npgsql;
using Witn.Domain.Contracts;
using Witn.Domain.Invoices;

namespace Witn.Storage.Invoices;

/// <summary>
/// The one rule for which invoice a ledger row lands on: the period containing its time, unless that period's
/// invoice is final, then the next open one. Runs inside the writer's transaction and share-locks the periods it
/// returns, so a concurrent finalization (which takes the row FOR UPDATE) waits for this commit, and a commit that
/// waited for a finalization sees it final and moves on.
/// </summary>
internal static class InvoicePeriodAssigner
{
    public static async Task<PeriodRange[]> AssignAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<(string TenantId, BillingPeriod Billing, DateTimeOffset At)> rows, CancellationToken cancellationToken)
    {
        var periods = rows.Select(r => BillingPeriods.Containing(r.Billing, r.At)).ToArray();
        while (true)
        {
            var keys = rows.Select((r, i) => (r.TenantId, periods[i])).Distinct().OrderBy(k => k.TenantId, StringComparer.Ordinal).ThenBy(k => k.Item2.Start).ToArray();
            // One round trip: create the period rows that are missing, then share-lock them all in key order.
            var tenants = keys.Select(k => k.TenantId).ToArray();
            var starts = keys.Select(k => k.Item2.Start.ToUniversalTime()).ToArray();
            var ensure = new NpgsqlBatchCommand("""
                INSERT INTO invoice_periods (tenant_id, period_start, period_end)
                SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[])
                ON CONFLICT DO NOTHING
                """);
            ensure.Parameters.AddWithValue(tenants);
            ensure.Parameters.AddWithValue(starts);
            ensure.Parameters.AddWithValue(keys.Select(k => k.Item2.End.ToUniversalTime()).ToArray());
            var lockRows = new NpgsqlBatchCommand("""
                SELECT p.tenant_id, p.period_start, p.status FROM invoice_periods p
                WHERE (p.tenant_id, p.period_start) IN (SELECT * FROM unnest($1::text[], $2::timestamptz[]))
                ORDER BY p.tenant_id, p.period_start
                FOR SHARE
                """);
            lockRows.Parameters.AddWithValue(tenants);
            lockRows.Parameters.AddWithValue(starts);

            var final = new HashSet<(string, DateTimeOffset)>();
            await using (var batch = new NpgsqlBatch(conn, tx) { BatchCommands = { ensure, lockRows } })
            {
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.GetString(2) == "final")
                    {
                        final.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
                    }
                }
            }

            if (final.Count == 0)
            {
                return periods;
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (final.Contains((rows[i].TenantId, periods[i].Start.ToUniversalTime())))
                {
                    periods[i] = BillingPeriods.Next(rows[i].Billing, periods[i]);
                }
            }
        }
    }
}
