using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Witn.Storage.Log;

namespace Witn.Benchmarks.Log;

/// <summary>
/// The ceiling: raw multi-row INSERTs (500 rows per statement, one statement per transaction) of the same records
/// into <c>events_baseline</c>, a copy of the events table with all its indexes, from N connections at once. No
/// position counter, no dedup check, no results: what PostgreSQL itself sustains on this machine.
/// </summary>
public static class BaselineInserts
{
    public const int RowsPerStatement = 500;

    private const string Insert = """
        INSERT INTO events_baseline (partition, position, tenant_id, event_id, type, occurred_at, idempotency_key, agent_id, agent_version,
                                     trace_id, span_id, parent_span_id, properties, content_hash, received_at)
        SELECT partition, position, tenant_id, event_id, type, occurred_at, NULL, agent_id, agent_version, trace_id, span_id, NULL,
               properties::jsonb, content_hash, now()
        FROM unnest($1::integer[], $2::bigint[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[], $8::text[],
                    $9::text[], $10::text[], $11::text[], $12::bytea[])
            AS t(partition, position, tenant_id, event_id, type, occurred_at, agent_id, agent_version, trace_id, span_id, properties, content_hash)
        """;

    private const string InsertOne = """
        INSERT INTO events_baseline (partition, position, tenant_id, event_id, type, occurred_at, agent_id, agent_version,
                                     trace_id, span_id, properties, content_hash, received_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, now())
        """;

    public static async Task ResetAsync(BenchmarkDatabase db)
    {
        await db.ExecuteAsync("DROP TABLE IF EXISTS events_baseline");
        await db.ExecuteAsync("CREATE TABLE events_baseline (LIKE events INCLUDING ALL)");
    }

    /// <summary>Inserts every record once, <paramref name="clients"/> connections in parallel; returns rows per second.</summary>
    public static async Task<double> RunAsync(BenchmarkDatabase db, LogRecord[] records, int clients)
    {
        var chunks = records.Chunk(RowsPerStatement).ToArray();
        var next = -1;
        long position = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            await using var conn = await db.DataSource.OpenConnectionAsync();
            int i;
            while ((i = Interlocked.Increment(ref next)) < chunks.Length)
            {
                var chunk = chunks[i];
                var first = Interlocked.Add(ref position, chunk.Length) - chunk.Length;
                await using var cmd = new NpgsqlCommand(Insert, conn);
                cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. chunk.Select(r => LogPartitions.Of(r.TenantId, 8))] });
                cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. chunk.Select((_, k) => first + k + 1)] });
                cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. chunk.Select(r => r.TenantId)] });
                cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. chunk.Select(r => r.EventId)] });
                cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. chunk.Select(r => r.Type)] });
                cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. chunk.Select(r => r.Timestamp)] });
                cmd.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. chunk.Select(r => r.AgentId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                cmd.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. chunk.Select(r => r.AgentVersion)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                cmd.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. chunk.Select(r => r.TraceId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                cmd.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. chunk.Select(r => r.SpanId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. chunk.Select(r => r.PropertiesJson)] });
                cmd.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. chunk.Select(r => r.ContentHash)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                await cmd.ExecuteNonQueryAsync();
            }
        }));
        return records.Length / watch.Elapsed.TotalSeconds;
    }

    /// <summary>One row in its own implicit transaction: the commit an event's acknowledgement waits for.</summary>
    public static async Task InsertOneAsync(BenchmarkDatabase db, LogRecord r, long position)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(InsertOne, conn);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LogPartitions.Of(r.TenantId, 8) });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.TenantId });
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Type });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = r.Timestamp });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)r.AgentId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)r.AgentVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)r.TraceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)r.SpanId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.PropertiesJson });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = r.ContentHash });
        await cmd.ExecuteNonQueryAsync();
    }
}
