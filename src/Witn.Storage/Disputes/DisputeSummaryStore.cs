using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Disputes;
using Witn.Storage.Ledger;

namespace Witn.Storage.Disputes;

/// <summary>
/// The dispute summary in one query over the dispute table joined to the charges (never a log scan): disputes opened
/// in [from, to) by their status now, what they credited per currency and the median time to a decision; and the
/// charges settled in [from, to) with how many of them were ever disputed (the dispute rate's two sides).
/// </summary>
public sealed class DisputeSummaryStore(NpgsqlDataSource dataSource)
{
    // k1, k2: the group's key (definition; or agent id and version; or nothing). Disputes and charges are one set
    // grouped once (GROUP BY takes null keys as equal), so a group with charges but no dispute, or the reverse,
    // still gets its one row.
    private const string Query = """
        WITH opened AS (
            SELECT CASE $4 WHEN 'definition' THEN c.outcome WHEN 'agent_version' THEN c.agent_id END AS k1,
                   CASE $4 WHEN 'agent_version' THEN c.agent_version END AS k2,
                   d.status, d.currency, d.credited_minor,
                   CASE WHEN d.status IN ('credited', 'rejected') THEN extract(epoch FROM d.resolved_at - d.opened_at) END AS seconds
            FROM disputes d JOIN charges c ON c.id = d.charge_id
            WHERE d.tenant_id = $1 AND ($2::timestamptz IS NULL OR d.opened_at >= $2) AND ($3::timestamptz IS NULL OR d.opened_at < $3)
        ), charged AS (
            SELECT CASE $4 WHEN 'definition' THEN c.outcome WHEN 'agent_version' THEN c.agent_id END AS k1,
                   CASE $4 WHEN 'agent_version' THEN c.agent_version END AS k2,
                   EXISTS (SELECT 1 FROM disputes x WHERE x.charge_id = c.id) AS disputed
            FROM charges c
            WHERE c.tenant_id = $1 AND ($2::timestamptz IS NULL OR c.settles_at >= $2) AND ($3::timestamptz IS NULL OR c.settles_at < $3)
        ), money AS (
            SELECT k1, k2, array_agg(currency ORDER BY currency) AS currencies, array_agg(minor ORDER BY currency) AS minors
            FROM (SELECT k1, k2, currency::text AS currency, sum(credited_minor)::bigint AS minor FROM opened
                  WHERE status = 'credited' AND credited_minor IS NOT NULL GROUP BY k1, k2, currency) m
            GROUP BY k1, k2
        ), both_sides AS (
            SELECT k1, k2, status, seconds, false AS charge, false AS disputed FROM opened
            UNION ALL
            SELECT k1, k2, NULL, NULL, true, disputed FROM charged
        ), groups AS (
            SELECT k1, k2,
                   count(*) FILTER (WHERE NOT charge) AS opened,
                   count(*) FILTER (WHERE status = 'credited') AS credited,
                   count(*) FILTER (WHERE status = 'rejected') AS rejected,
                   count(*) FILTER (WHERE status = 'withdrawn') AS withdrawn,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median_seconds,
                   count(*) FILTER (WHERE charge) AS charges,
                   count(*) FILTER (WHERE disputed) AS disputed
            FROM both_sides GROUP BY k1, k2
        )
        SELECT g.k1, g.k2, g.opened, g.credited, g.rejected, g.withdrawn, m.currencies, m.minors, g.median_seconds, g.charges, g.disputed
        FROM groups g LEFT JOIN money m ON m.k1 IS NOT DISTINCT FROM g.k1 AND m.k2 IS NOT DISTINCT FROM g.k2
        ORDER BY g.k1 NULLS FIRST, g.k2 NULLS FIRST
        """;

    /// <summary>The tenant's summary groups, ordered by key; none when the range holds neither a dispute nor a charge.</summary>
    public async Task<IReadOnlyList<DisputeSummaryRow>> SummarizeAsync(
        string tenantId, DateTimeOffset? from, DateTimeOffset? to, DisputeSummaryGrouping by, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(Query);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)from?.ToUniversalTime() ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)to?.ToUniversalTime() ?? DBNull.Value });
        cmd.Parameters.AddWithValue(by switch
        {
            DisputeSummaryGrouping.Definition => "definition",
            DisputeSummaryGrouping.AgentVersion => "agent_version",
            _ => "",
        });
        var rows = new List<DisputeSummaryRow>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var k1 = reader.IsDBNull(0) ? null : reader.GetString(0);
            var k2 = reader.IsDBNull(1) ? null : reader.GetString(1);
            var amounts = new List<(string, decimal)>();
            if (!reader.IsDBNull(6))
            {
                var currencies = reader.GetFieldValue<string[]>(6);
                var minors = reader.GetFieldValue<long[]>(7);
                amounts.AddRange(currencies.Select((c, i) => (c, Money.FromMinorUnits(minors[i], c))));
            }

            rows.Add(new DisputeSummaryRow(
                by == DisputeSummaryGrouping.Definition ? k1 : null,
                by == DisputeSummaryGrouping.AgentVersion ? k1 : null,
                k2,
                reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                amounts,
                reader.IsDBNull(8) ? null : reader.GetDouble(8),
                reader.GetInt64(9), reader.GetInt64(10)));
        }

        return rows;
    }
}
