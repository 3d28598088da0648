using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Alerts;
using Witn.Domain.Quality;
using Witn.Storage.Quality;

namespace Witn.Storage.Alerts;

/// <summary>
/// Alert rules, series and history (migration 0024). A series' new state, its history entry and the outbox row that
/// announces it commit in one transaction; a history id already there (the same reading again) changes nothing.
/// </summary>
public sealed class AlertStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string HistoryColumns = "id, rule_name, tenant_id, series, kind, at, day, rule::text, value, volume, baseline::text, examples::text, triggered_id, seq";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<IReadOnlyList<AlertRuleRow>> ListRulesAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT rule::text, created_at, updated_at FROM alert_rules ORDER BY name");
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AlertRuleRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new AlertRuleRow(AlertRuleJson.Read(r.GetString(0)), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2)));
        }

        return rows;
    }

    /// <summary>The tenants' own versions of built-in rules: of one tenant, or of every tenant when null.</summary>
    public async Task<IReadOnlyList<AlertRuleRow>> ListOverridesAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT rule::text, created_at, updated_at FROM alert_overrides WHERE ($1::text IS NULL OR tenant_id = $1) ORDER BY name, tenant_id");
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)tenant ?? DBNull.Value });
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AlertRuleRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new AlertRuleRow(AlertRuleJson.Read(r.GetString(0)), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2)));
        }

        return rows;
    }

    /// <summary>Stores a tenant's own version of a built-in rule (its scope names the tenant); returns the row and whether it is new.</summary>
    public async Task<(AlertRuleRow Row, bool Created)> PutOverrideAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var tenant = rule.Scope.Tenant ?? throw new ArgumentException("a tenant's version of a rule names its tenant", nameof(rule));
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO alert_overrides AS a (name, tenant_id, rule, created_at, updated_at)
            VALUES ($1, $2, $3::jsonb, $4, $4)
            ON CONFLICT (name, tenant_id) DO UPDATE SET rule = excluded.rule, updated_at = excluded.updated_at
            RETURNING created_at, updated_at, (xmax = 0)
            """);
        cmd.Parameters.AddWithValue(rule.Name);
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(AlertRuleJson.Write(rule));
        cmd.Parameters.AddWithValue(time.GetUtcNow());
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        return (new AlertRuleRow(rule, r.GetFieldValue<DateTimeOffset>(0), r.GetFieldValue<DateTimeOffset>(1)), r.GetBoolean(2));
    }

    /// <summary>Deletes a tenant's own version of a built-in rule (the built-in applies to it again); returns whether there was one.</summary>
    public async Task<bool> DeleteOverrideAsync(string name, string tenant, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM alert_overrides WHERE name = $1 AND tenant_id = $2");
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(tenant);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Stores <paramref name="rule"/> under its name, replacing what was there; returns the row and whether it is new.</summary>
    public async Task<(AlertRuleRow Row, bool Created)> PutRuleAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO alert_rules AS a (name, tenant_id, builtin, rule, created_at, updated_at)
            VALUES ($1, $2, $3, $4::jsonb, $5, $5)
            ON CONFLICT (name) DO UPDATE SET tenant_id = excluded.tenant_id, builtin = excluded.builtin, rule = excluded.rule, updated_at = excluded.updated_at
            RETURNING created_at, updated_at, (xmax = 0)
            """);
        cmd.Parameters.AddWithValue(rule.Name);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)rule.Scope.Tenant ?? DBNull.Value });
        cmd.Parameters.AddWithValue(rule.Builtin);
        cmd.Parameters.AddWithValue(AlertRuleJson.Write(rule));
        cmd.Parameters.AddWithValue(time.GetUtcNow());
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        return (new AlertRuleRow(rule, r.GetFieldValue<DateTimeOffset>(0), r.GetFieldValue<DateTimeOffset>(1)), r.GetBoolean(2));
    }

    /// <summary>
    /// Deletes a stored rule and the state of its series (a rule of the same name later starts afresh); its history
    /// stays. Returns whether there was one.
    /// </summary>
    public async Task<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH series AS (DELETE FROM alert_series WHERE rule_name = $1)
            DELETE FROM alert_rules WHERE name = $1
            """);
        cmd.Parameters.AddWithValue(name);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The series of <paramref name="rule"/> (every tenant's when <paramref name="tenant"/> is null), by tenant and key.</summary>
    public async Task<IReadOnlyList<AlertSeriesRow>> ListSeriesAsync(string? rule, string? tenant, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT rule_name, tenant_id, series, status, outside_since, last_day, firing_id, updated_at FROM alert_series
            WHERE ($1::text IS NULL OR rule_name = $1) AND ($2::text IS NULL OR tenant_id = $2)
            ORDER BY rule_name, tenant_id, series
            """);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)rule ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)tenant ?? DBNull.Value });
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AlertSeriesRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            var status = r.GetString(3) switch
            {
                "pending" => AlertSeriesStatus.Pending,
                "firing" => AlertSeriesStatus.Firing,
                _ => AlertSeriesStatus.Ok,
            };
            rows.Add(new AlertSeriesRow(r.GetString(0), r.GetString(1), r.GetString(2), new AlertSeries(
                status,
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5),
                r.IsDBNull(6) ? null : r.GetGuid(6)), r.GetFieldValue<DateTimeOffset>(7)));
        }

        return rows;
    }

    /// <summary>
    /// Saves the series states of one evaluation of a rule for a tenant and records its firings and resolutions,
    /// each announced through the outbox (kind alert_triggered or alert_resolved), all in one transaction.
    /// </summary>
    public async Task SaveAsync(
        string rule, string tenant, IReadOnlyList<(string Series, AlertSeries State)> series, IReadOnlyList<AlertHistoryRow> history,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(history);
        if (series.Count == 0 && history.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var h in history)
        {
            var insert = new NpgsqlBatchCommand("""
                WITH entry AS (
                    INSERT INTO alert_history (id, rule_name, tenant_id, series, kind, at, day, rule, value, volume, baseline, examples, triggered_id)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11::jsonb, $12::jsonb, $13)
                    ON CONFLICT (id) DO NOTHING
                    RETURNING id, kind, tenant_id
                )
                INSERT INTO ledger_outbox (kind, ref, tenant_id, created_at)
                SELECT 'alert_' || kind, id, tenant_id, $14 FROM entry
                """);
            insert.Parameters.AddWithValue(h.Id);
            insert.Parameters.AddWithValue(h.RuleName);
            insert.Parameters.AddWithValue(h.TenantId);
            insert.Parameters.AddWithValue(h.Series);
            insert.Parameters.AddWithValue(h.Kind == AlertTransition.Triggered ? "triggered" : "resolved");
            insert.Parameters.AddWithValue(h.At);
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = h.Day is { } d ? d : DBNull.Value });
            insert.Parameters.AddWithValue(AlertRuleJson.Write(h.Rule));
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = h.Value is { } v ? v : DBNull.Value });
            insert.Parameters.AddWithValue(h.Volume);
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = h.Baseline is { } b ? JsonSerializer.Serialize(b, Json) : DBNull.Value });
            insert.Parameters.AddWithValue(JsonSerializer.Serialize(h.Examples, Json));
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = h.TriggeredId is { } t ? t : DBNull.Value });
            insert.Parameters.AddWithValue(now);
            batch.BatchCommands.Add(insert);
        }

        foreach (var (key, state) in series)
        {
            var upsert = new NpgsqlBatchCommand("""
                INSERT INTO alert_series AS s (rule_name, tenant_id, series, status, outside_since, last_day, firing_id, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (rule_name, tenant_id, series) DO UPDATE SET status = excluded.status, outside_since = excluded.outside_since,
                    last_day = excluded.last_day, firing_id = excluded.firing_id, updated_at = excluded.updated_at
                """);
            upsert.Parameters.AddWithValue(rule);
            upsert.Parameters.AddWithValue(tenant);
            upsert.Parameters.AddWithValue(key);
            upsert.Parameters.AddWithValue(state.Status switch { AlertSeriesStatus.Pending => "pending", AlertSeriesStatus.Firing => "firing", _ => "ok" });
            upsert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = state.OutsideSince is { } s ? s : DBNull.Value });
            upsert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = state.LastDay is { } d ? d : DBNull.Value });
            upsert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = state.Firing is { } f ? f : DBNull.Value });
            upsert.Parameters.AddWithValue(now);
            batch.BatchCommands.Add(upsert);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// History entries, oldest first, of <paramref name="rule"/> and/or <paramref name="tenant"/> (either null: all),
    /// at most <paramref name="limit"/> after <paramref name="afterSeq"/>.
    /// </summary>
    public async Task<IReadOnlyList<AlertHistoryRow>> ListHistoryAsync(
        string? rule, string? tenant, int limit, long afterSeq, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {HistoryColumns} FROM alert_history
            WHERE ($1::text IS NULL OR rule_name = $1) AND ($2::text IS NULL OR tenant_id = $2) AND seq > $3
            ORDER BY seq LIMIT $4
            """);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)rule ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)tenant ?? DBNull.Value });
        cmd.Parameters.AddWithValue(afterSeq);
        cmd.Parameters.AddWithValue(limit);
        return await ReadHistoryAsync(cmd, cancellationToken);
    }

    /// <summary>The tenant's latest <paramref name="limit"/> history entries, newest first (the console's list).</summary>
    public async Task<IReadOnlyList<AlertHistoryRow>> ListRecentAsync(string tenant, int limit, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {HistoryColumns} FROM alert_history WHERE tenant_id = $1 ORDER BY seq DESC LIMIT $2");
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(limit);
        return await ReadHistoryAsync(cmd, cancellationToken);
    }

    public async Task<AlertHistoryRow?> GetHistoryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {HistoryColumns} FROM alert_history WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadHistoryAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The tenant's webhook deliveries that are dead (not replayed since): the dead-letter metric.</summary>
    public async Task<long> CountDeadLettersAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT count(*) FROM webhook_deliveries d JOIN ledger_outbox o ON o.id = d.outbox_id
            WHERE d.status = 'dead' AND o.tenant_id = $1
            """);
        cmd.Parameters.AddWithValue(tenant);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The most charged in one currency (minor units, with the currency) by the charges of one cohort day in
    /// <paramref name="cell"/>; null without priced charges.
    /// </summary>
    public async Task<(long Minor, string Currency)?> MaxChargedAsync(AlertCell cell, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cell);
        await using var cmd = dataSource.CreateCommand($"""
            SELECT sum(ch.amount_minor)::bigint, ch.currency::text FROM {ChargesInCell}
              AND ch.currency IS NOT NULL AND ch.amount_minor IS NOT NULL
            GROUP BY ch.currency ORDER BY 1 DESC LIMIT 1
            """);
        AddCell(cmd, cell);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) ? (r.GetInt64(0), r.GetString(1)) : null;
    }

    /// <summary>Up to 10 outcomes (and charges) of one cohort day in <paramref name="cell"/> that show what <paramref name="metric"/> is about.</summary>
    public async Task<IReadOnlyList<AlertExample>> ExamplesAsync(AlertMetric metric, AlertCell cell, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cell);
        string? sql = metric switch
        {
            AlertMetric.ConversionRate or AlertMetric.BillableCompletions => Outcomes("o.status <> 'settled'"),
            AlertMetric.VoidRate => Outcomes($"(o.quality_reached & {QualityReached.Voided}) <> 0"),
            AlertMetric.ReviewRate => Outcomes($"(o.quality_reached & {QualityReached.InReview}) <> 0"),
            AlertMetric.OutcomesOpened => Outcomes("true"),
            AlertMetric.DisputeRate or AlertMetric.Disputes => Charges("EXISTS (SELECT 1 FROM disputes x WHERE x.charge_id = ch.id)"),
            AlertMetric.CreditRate => Charges("EXISTS (SELECT 1 FROM credits x WHERE x.charge_id = ch.id)"),
            AlertMetric.EvidenceCompleteness or AlertMetric.EvidenceIncomplete => Charges($"{QualitySql.EvidenceComplete} = 0"),
            AlertMetric.UnpricedCharges => Charges("ch.currency IS NULL"),
            _ => null,
        };
        if (sql is null)
        {
            return [];
        }

        await using var cmd = dataSource.CreateCommand(sql);
        AddCell(cmd, cell);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var examples = new List<AlertExample>();
        while (await r.ReadAsync(cancellationToken))
        {
            examples.Add(new AlertExample(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetGuid(2)));
        }

        return examples;
    }

    // $1 tenant, $2 day, $3 definition, $4 agent id, $5 agent version (each null: any).
    private const string OutcomeInCell = """
        o.tenant_id = $1 AND o.quality_day = $2 AND ($3::text IS NULL OR o.definition = $3)
          AND ($4::text IS NULL OR o.quality_agent_id = $4) AND ($5::text IS NULL OR o.quality_agent_version = $5)
        """;

    // The charges of the cell, by the one rule for a charge's cell (QualitySql.ChargeCell), with its outcome as o.
    private const string ChargesInCell = $"""
        charges ch {QualitySql.OutcomeOfCharge}
        CROSS JOIN LATERAL (SELECT {QualitySql.ChargeCell}) AS cell(tenant_id, day, definition, agent_id, agent_version)
        WHERE ch.tenant_id = $1 AND {QualitySql.Counted} AND cell.day = $2 AND ($3::text IS NULL OR cell.definition = $3)
          AND ($4::text IS NULL OR cell.agent_id = $4) AND ($5::text IS NULL OR cell.agent_version = $5)
        """;

    private static string Outcomes(string predicate) =>
        $"SELECT o.definition, o.correlation, NULL::uuid FROM outcomes o WHERE {OutcomeInCell} AND {predicate} ORDER BY o.definition, o.correlation LIMIT 10";

    private static string Charges(string predicate) =>
        $"SELECT ch.outcome, ch.correlation, ch.id FROM {ChargesInCell} AND {predicate} ORDER BY ch.id LIMIT 10";

    private static void AddCell(NpgsqlCommand cmd, AlertCell cell)
    {
        cmd.Parameters.AddWithValue(cell.TenantId);
        cmd.Parameters.AddWithValue(cell.Day);
        foreach (var part in new[] { cell.Definition, cell.Agent, cell.AgentVersion })
        {
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)part ?? DBNull.Value });
        }
    }

    private static async Task<IReadOnlyList<AlertHistoryRow>> ReadHistoryAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AlertHistoryRow>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add(new AlertHistoryRow(
                r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.GetString(4) == "triggered" ? AlertTransition.Triggered : AlertTransition.Resolved,
                r.GetFieldValue<DateTimeOffset>(5),
                r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6),
                AlertRuleJson.Read(r.GetString(7)),
                r.IsDBNull(8) ? null : r.GetDecimal(8),
                r.GetInt64(9),
                r.IsDBNull(10) ? null : JsonSerializer.Deserialize<AlertBaseline>(r.GetString(10), Json),
                JsonSerializer.Deserialize<List<AlertExample>>(r.GetString(11), Json) ?? [],
                r.IsDBNull(12) ? null : r.GetGuid(12),
                r.GetInt64(13)));
        }

        return rows;
    }
}
