using Npgsql;
using NpgsqlTypes;
using Witn.Storage.Batching;
using Witn.Storage.Outcomes;

namespace Witn.Benchmarks.Quality;

/// <summary>
/// The baseline for the counters' cost: the outcome store's upsert as it was before migration 0022 (the same
/// columns, the same group commit, no quality counts), so one run can write the same outcomes both ways.
/// </summary>
public sealed class PlainOutcomeWrites(NpgsqlDataSource db, OutcomeStoreOptions options) : IAsyncDisposable
{
    private const string Sql = """
        INSERT INTO outcomes (tenant_id, definition, correlation, definition_version, status, first_event_at, qualified_at,
                              settles_at, next_due_at, charge_id, credit_id, event_count, updated_at, state)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::timestamptz[],
                             $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::uuid[], $11::uuid[],
                             $12::integer[], $13::timestamptz[], $14::json[])
        ON CONFLICT (tenant_id, definition, correlation) DO UPDATE SET
            definition_version = EXCLUDED.definition_version, status = EXCLUDED.status,
            first_event_at = EXCLUDED.first_event_at, qualified_at = EXCLUDED.qualified_at,
            settles_at = EXCLUDED.settles_at, next_due_at = EXCLUDED.next_due_at, charge_id = EXCLUDED.charge_id,
            credit_id = EXCLUDED.credit_id, event_count = EXCLUDED.event_count, updated_at = EXCLUDED.updated_at,
            state = EXCLUDED.state
        """;

    private readonly GroupCommitter<OutcomeRecord, bool> _writes = new((batch, ct) => FlushAsync(db, batch, ct), options.Concurrency, options.MaxBatchSize);

    public Task WriteAsync(OutcomeRecord record) => _writes.RunAsync(record);

    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    private static async Task<IReadOnlyList<bool>> FlushAsync(NpgsqlDataSource db, IReadOnlyList<OutcomeRecord> records, CancellationToken ct)
    {
        var rows = records.GroupBy(r => (r.Summary.TenantId, r.Summary.Definition, r.Summary.Correlation)).Select(g => g.Last()).ToArray();
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.TenantId).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.Definition).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.Correlation).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.DefinitionVersion).ToArray());
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.Status).ToArray());
        Instants(cmd, rows.Select(r => r.Summary.FirstEventAt));
        Instants(cmd, rows.Select(r => r.Summary.QualifiedAt));
        Instants(cmd, rows.Select(r => r.Summary.SettlesAt));
        Instants(cmd, rows.Select(r => r.Summary.NextDueAt));
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = rows.Select(r => (object?)r.Summary.ChargeId ?? DBNull.Value).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = rows.Select(r => (object?)r.Summary.CreditId ?? DBNull.Value).ToArray() });
        cmd.Parameters.AddWithValue(rows.Select(r => r.Summary.EventCount).ToArray());
        Instants(cmd, rows.Select(r => (DateTimeOffset?)r.Summary.UpdatedAt));
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json, Value = rows.Select(r => r.StateJson).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
        return [.. records.Select(_ => true)];
    }

    private static void Instants(NpgsqlCommand cmd, IEnumerable<DateTimeOffset?> values) =>
        cmd.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            Value = values.Select(v => v is { } x ? (object)x.ToUniversalTime() : DBNull.Value).ToArray(),
        });
}
