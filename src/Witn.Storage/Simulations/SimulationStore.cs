using Npgsql;

namespace Witn.Storage.Simulations;

/// <summary>
/// The simulations' own tables. Nothing here touches the ledger, invoices, webhooks or exports, and nothing on
/// the money path reads these tables: a simulation cannot change what anyone is billed.
/// </summary>
public sealed class SimulationStore(NpgsqlDataSource db)
{
    private const string Columns =
        "id, name, status, request::text, events_total, events_read, outcomes, percent, parity::text, summary::text, error, created_at, started_at, finished_at, expires_at";

    public async Task<SimulationRow> CreateAsync(Guid id, string? name, string requestJson, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand($"""
            INSERT INTO simulations (id, name, status, request, created_at, expires_at) VALUES ($1, $2, 'queued', $3::jsonb, $4, $5)
            RETURNING {Columns}
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue((object?)name ?? DBNull.Value);
        cmd.Parameters.AddWithValue(requestJson);
        cmd.Parameters.AddWithValue(createdAt.ToUniversalTime());
        cmd.Parameters.AddWithValue(expiresAt.ToUniversalTime());
        return (await ReadOneAsync(cmd, cancellationToken))!;
    }

    public async Task<SimulationRow?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM simulations WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await ReadOneAsync(cmd, cancellationToken);
    }

    /// <summary>Simulations newest first, a page after <paramref name="after"/> (an id).</summary>
    public async Task<IReadOnlyList<SimulationRow>> ListAsync(int limit, Guid? after, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM simulations
            WHERE $2::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM simulations WHERE id = $2)
            ORDER BY created_at DESC, id DESC LIMIT $1
            """);
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Uuid, (object?)after ?? DBNull.Value);
        var rows = new List<SimulationRow>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>Moves a queued simulation to running with its total event count; false when it is no longer queued (cancelled).</summary>
    public async Task<bool> StartAsync(Guid id, long eventsTotal, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE simulations SET status = 'running', events_total = $2, started_at = $3, events_read = 0, outcomes = 0, percent = 0
            WHERE id = $1 AND status IN ('queued', 'running')
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(eventsTotal);
        cmd.Parameters.AddWithValue(at.ToUniversalTime());
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Adds to the progress; returns the status afterwards (a worker stops when it reads 'cancelled').</summary>
    public async Task<string?> ProgressAsync(Guid id, long events, long outcomes, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE simulations SET events_read = events_read + $2, outcomes = outcomes + $3,
                   percent = least(99, ((events_read + $2) * 100) / greatest(events_total, 1))::integer
            WHERE id = $1 RETURNING status
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(events);
        cmd.Parameters.AddWithValue(outcomes);
        return await cmd.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Ends a running simulation (done or failed); a cancelled one stays cancelled. True when this call ended it.</summary>
    public async Task<bool> FinishAsync(Guid id, string status, string? parityJson, string? summaryJson, string? error, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE simulations SET status = $2, parity = $3::jsonb, summary = $4::jsonb, error = $5, finished_at = $6,
                   percent = CASE WHEN $2 = 'done' THEN 100 ELSE percent END
            WHERE id = $1 AND status IN ('queued', 'running')
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)parityJson ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)summaryJson ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)error ?? DBNull.Value);
        cmd.Parameters.AddWithValue(at.ToUniversalTime());
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Cancels a queued or running simulation; returns the row afterwards (null: no such simulation).</summary>
    public async Task<SimulationRow?> CancelAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE simulations SET status = 'cancelled', finished_at = $2 WHERE id = $1 AND status IN ('queued', 'running')
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(at.ToUniversalTime());
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Adds rollups (a partition's share): quantities, value sums and amounts add up per key.</summary>
    public async Task AddUsageAsync(Guid id, string tenantId, IReadOnlyList<SimulationUsageRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var cmd = db.CreateCommand("""
            INSERT INTO simulation_usage AS u (simulation_id, tenant_id, side, kind, period_start, outcome, contract_version, bucket, unit_price, quantity, value_sum, amount_minor)
            SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::integer[], $8::text[], $9::numeric[], $10::bigint[], $11::numeric[], $12::bigint[])
            ON CONFLICT (simulation_id, tenant_id, side, kind, period_start, outcome, contract_version, bucket) DO UPDATE SET
                quantity = u.quantity + EXCLUDED.quantity, value_sum = u.value_sum + EXCLUDED.value_sum,
                amount_minor = u.amount_minor + EXCLUDED.amount_minor, unit_price = coalesce(u.unit_price, EXCLUDED.unit_price)
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(rows.Select(r => r.Side).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Kind).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Period.ToUniversalTime()).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Outcome).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.ContractVersion ?? 0).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Bucket ?? "").ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.UnitPrice).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Quantity).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.ValueSum).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.AmountMinor).ToArray());
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SimulationUsageRow>> ListUsageAsync(Guid id, string tenantId, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT side, kind, period_start, outcome, contract_version, bucket, unit_price, quantity, value_sum, amount_minor
            FROM simulation_usage WHERE simulation_id = $1 AND tenant_id = $2
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(tenantId);
        var rows = new List<SimulationUsageRow>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SimulationUsageRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3),
                reader.GetInt32(4) is var v && v == 0 ? null : v,
                reader.GetString(5) is { Length: > 0 } b ? b : null,
                reader.IsDBNull(6) ? null : reader.GetDecimal(6),
                reader.GetInt64(7),
                reader.GetDecimal(8),
                reader.GetInt64(9)));
        }

        return rows;
    }

    public Task AddFlipsAsync(Guid id, IReadOnlyList<SimulationOutcomeRow> rows, CancellationToken cancellationToken = default) =>
        AddOutcomesAsync("simulation_flips", "before, after, event_ids", id, rows, cancellationToken);

    public Task AddMismatchesAsync(Guid id, IReadOnlyList<SimulationOutcomeRow> rows, CancellationToken cancellationToken = default) =>
        AddOutcomesAsync("simulation_mismatches", "differences", id, rows, cancellationToken);

    public async Task WriteResultsAsync(Guid id, IReadOnlyList<SimulationResultRow> rows, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO simulation_results (simulation_id, tenant_id, definition, period_start, currency, actual_outcomes, actual_amount_minor, simulated_outcomes, simulated_amount_minor)
            SELECT $1, * FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])
            ON CONFLICT (simulation_id, tenant_id, definition, period_start) DO UPDATE SET
                currency = EXCLUDED.currency, actual_outcomes = EXCLUDED.actual_outcomes, actual_amount_minor = EXCLUDED.actual_amount_minor,
                simulated_outcomes = EXCLUDED.simulated_outcomes, simulated_amount_minor = EXCLUDED.simulated_amount_minor
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(rows.Select(r => r.TenantId).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Definition).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Period.ToUniversalTime()).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Currency).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.ActualOutcomes).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.ActualAmountMinor).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.SimulatedOutcomes).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.SimulatedAmountMinor).ToArray());
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SimulationResultRow>> ListResultsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT tenant_id, definition, period_start, currency, actual_outcomes, actual_amount_minor, simulated_outcomes, simulated_amount_minor
            FROM simulation_results WHERE simulation_id = $1 ORDER BY tenant_id, period_start, definition
            """);
        cmd.Parameters.AddWithValue(id);
        var rows = new List<SimulationResultRow>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SimulationResultRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.GetInt64(7)));
        }

        return rows;
    }

    /// <summary>A page of flips in (tenant, definition, correlation) order, after the row <paramref name="after"/> names.</summary>
    public Task<IReadOnlyList<SimulationOutcomeRow>> ListFlipsAsync(Guid id, int limit, (string Tenant, string Definition, string Correlation)? after, CancellationToken cancellationToken = default) =>
        ListOutcomesAsync("simulation_flips", "before::text, after::text, event_ids", id, limit, after, cancellationToken);

    public Task<IReadOnlyList<SimulationOutcomeRow>> ListMismatchesAsync(Guid id, int limit, (string Tenant, string Definition, string Correlation)? after, CancellationToken cancellationToken = default) =>
        ListOutcomesAsync("simulation_mismatches", "differences::text, '{}'::text, '{}'::uuid[]", id, limit, after, cancellationToken);

    public async Task<long> CountFlipsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) FROM simulation_flips WHERE simulation_id = $1");
        cmd.Parameters.AddWithValue(id);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Deletes simulations past their keep time (with their results); returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("DELETE FROM simulations WHERE expires_at <= $1");
        cmd.Parameters.AddWithValue(now.ToUniversalTime());
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task AddOutcomesAsync(string table, string columns, Guid id, IReadOnlyList<SimulationOutcomeRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var flips = table == "simulation_flips";
        await using var cmd = db.CreateCommand(flips
            ? $"""
              INSERT INTO {table} (simulation_id, tenant_id, definition, correlation, {columns})
              SELECT $1, k.t, k.d, k.c, k.b::jsonb, k.a::jsonb, coalesce((SELECT array_agg(x::uuid) FROM jsonb_array_elements_text(k.e::jsonb) x), ARRAY[]::uuid[])
              FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS k(t, d, c, b, a, e)
              ON CONFLICT DO NOTHING
              """
            : $"""
              INSERT INTO {table} (simulation_id, tenant_id, definition, correlation, {columns})
              SELECT $1, k.t, k.d, k.c, k.b::jsonb FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS k(t, d, c, b)
              ON CONFLICT DO NOTHING
              """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(rows.Select(r => r.TenantId).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Definition).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Correlation).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Before).ToArray());
        if (flips)
        {
            cmd.Parameters.AddWithValue(rows.Select(r => r.After).ToArray());
            cmd.Parameters.AddWithValue(rows.Select(r => System.Text.Json.JsonSerializer.Serialize(r.EventIds)).ToArray());
        }

        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<SimulationOutcomeRow>> ListOutcomesAsync(
        string table, string columns, Guid id, int limit, (string Tenant, string Definition, string Correlation)? after, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT tenant_id, definition, correlation, {columns} FROM {table}
            WHERE simulation_id = $1 AND ($3::text IS NULL OR (tenant_id, definition, correlation) > ($3, $4, $5))
            ORDER BY tenant_id, definition, correlation LIMIT $2
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)after?.Tenant ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)after?.Definition ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)after?.Correlation ?? DBNull.Value);
        var rows = new List<SimulationOutcomeRow>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SimulationOutcomeRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<Guid[]>(5)));
        }

        return rows;
    }

    private static async Task<SimulationRow?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static SimulationRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetInt64(4),
        r.GetInt64(5),
        r.GetInt64(6),
        r.GetInt32(7),
        r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10),
        r.GetFieldValue<DateTimeOffset>(11),
        r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12),
        r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13),
        r.GetFieldValue<DateTimeOffset>(14));
}
