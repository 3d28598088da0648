using Npgsql;

namespace Witn.Storage.Shadow;

/// <summary>
/// The reads behind shadow comparisons and promotions, straight from the ledger and the outcome table (so a
/// comparison is as current as the last commit). Read only: nothing here writes money.
/// </summary>
public sealed class ShadowStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every charge that landed on the tenant's period starting at <paramref name="periodStart"/>, in settlement order.</summary>
    public async Task<IReadOnlyList<PeriodCharge>> ListPeriodChargesAsync(string tenantId, DateTimeOffset periodStart, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, outcome, correlation, dimensions::text, value, contract_version, currency, amount_minor
            FROM charges WHERE tenant_id = $1 AND invoice_period = $2
            ORDER BY settles_at, id
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(periodStart.ToUniversalTime());
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PeriodCharge>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new PeriodCharge(
                r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetDecimal(4),
                r.IsDBNull(5) ? null : r.GetInt32(5),
                r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetInt64(7)));
        }

        return rows;
    }

    /// <summary>The tenant's settled outcomes of <paramref name="definitions"/> whose settlement falls in [from, to).</summary>
    public async Task<IReadOnlyList<SettledOutcome>> ListSettledAsync(
        string tenantId, IReadOnlyCollection<string> definitions, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        if (definitions.Count == 0)
        {
            return [];
        }

        await using var cmd = dataSource.CreateCommand("""
            SELECT definition, correlation, definition_version, settles_at, state::text FROM outcomes
            WHERE tenant_id = $1 AND status = 'settled' AND definition = ANY($2) AND settles_at >= $3 AND settles_at < $4
            ORDER BY settles_at, definition, correlation
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(definitions.ToArray());
        cmd.Parameters.AddWithValue(from.ToUniversalTime());
        cmd.Parameters.AddWithValue(to.ToUniversalTime());
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SettledOutcome>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new SettledOutcome(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4)));
        }

        return rows;
    }

    /// <summary>
    /// How many of the tenant's charges are for outcomes whose first event is at or after <paramref name="at"/>:
    /// committed already, they keep the version they were priced with, so a promotion from <paramref name="at"/> would
    /// not reach them.
    /// </summary>
    public async Task<long> CountChargesStartedFromAsync(string tenantId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT count(*) FROM charges c
            JOIN outcomes o ON o.tenant_id = c.tenant_id AND o.definition = c.outcome AND o.correlation = c.correlation
            WHERE c.tenant_id = $1 AND o.first_event_at >= $2
            """);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(at.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// How many outcomes of <paramref name="definition"/> (any tenant) settled unbilled, as shadow, though their first
    /// event is at or after <paramref name="at"/>: a promotion from <paramref name="at"/> would leave them unbilled.
    /// </summary>
    public async Task<long> CountSettledStartedFromAsync(string definition, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT count(*) FROM outcomes WHERE definition = $1 AND status = 'settled' AND first_event_at >= $2
            """);
        cmd.Parameters.AddWithValue(definition);
        cmd.Parameters.AddWithValue(at.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }
}
