using System.Text;
using Npgsql;
using Witn.Storage.Postgres;

namespace Witn.Storage.Log;

/// <summary>
/// Reads the log by partition (in position order, for delivery) or by tenant (in event-time order, for replay
/// and audit), and keeps consumers' checkpoints. Positions may have gaps: continue after the last position read,
/// never assume the next one is +1.
/// </summary>
public sealed class EventLogReader(NpgsqlDataSource db)
{
    /// <summary>
    /// Up to <paramref name="maxCount"/> events of the partition with a position greater than
    /// <paramref name="afterPosition"/>, in position order. Everything returned is committed, and every position
    /// below the last one returned is committed or will never exist, so a consumer may checkpoint it.
    /// </summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadAsync(int partition, long afterPosition, int maxCount, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        // Every partition is polled many times a second: prepared, so it is planned once per connection.
        await using var prepared = await PreparedCommand.OpenAsync(db, EventLogSql.ReadPartition, ct);
        prepared.Command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        prepared.Command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterPosition });
        prepared.Command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        await prepared.PrepareAsync(ct);
        return await ReadEventsAsync(prepared.Command, maxCount, ct);
    }

    /// <summary>The consumer's checkpoint in the partition: the last position it has processed, 0 when none.</summary>
    public async Task<long> GetCheckpointAsync(string consumer, int partition, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        await using var cmd = db.CreateCommand(EventLogSql.GetCheckpoint);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumer });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        return await cmd.ExecuteScalarAsync(ct) is long position ? position : 0;
    }

    /// <summary>Moves the checkpoint forward to <paramref name="position"/>; an older position (a late or repeated save) is ignored.</summary>
    public async Task SaveCheckpointAsync(string consumer, int partition, long position, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        await using var cmd = db.CreateCommand(EventLogSql.SaveCheckpoint);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumer });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The position of the tenant's last committed event (0 when it has none): what routing must reach.</summary>
    public async Task<long> GetTenantHeadAsync(string tenantId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT coalesce(max(position), 0) FROM events WHERE tenant_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        return await cmd.ExecuteScalarAsync(ct) is long position ? position : 0;
    }

    /// <summary>
    /// The tenant's events with <paramref name="from"/> ≤ timestamp &lt; <paramref name="to"/> (either bound
    /// optional), in event-time order (ties in log order), at most <paramref name="maxCount"/>.
    /// </summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadTenantAsync(string tenantId, DateTimeOffset? from, DateTimeOffset? to, int maxCount, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var sql = new StringBuilder($"SELECT {EventLogSql.EventColumns} FROM events WHERE tenant_id = $1");
        await using var cmd = db.CreateCommand();
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        if (from is { } f)
        {
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = f.ToUniversalTime() });
            sql.Append(" AND occurred_at >= $").Append(cmd.Parameters.Count);
        }

        if (to is { } t)
        {
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = t.ToUniversalTime() });
            sql.Append(" AND occurred_at < $").Append(cmd.Parameters.Count);
        }

        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        sql.Append(" ORDER BY occurred_at, partition, position LIMIT $").Append(cmd.Parameters.Count);
        cmd.CommandText = sql.ToString();
        return await ReadEventsAsync(cmd, maxCount, ct);
    }

    private static async Task<IReadOnlyList<LoggedEvent>> ReadEventsAsync(NpgsqlCommand cmd, int maxCount, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var events = new List<LoggedEvent>(Math.Min(maxCount, 1024));
        while (await reader.ReadAsync(ct))
        {
            events.Add(Read(reader));
        }

        return events;
    }

    /// <summary>One row of <see cref="EventLogSql.EventColumns"/>, in that order from column 0.</summary>
    internal static LoggedEvent Read(NpgsqlDataReader reader) => new(
        reader.GetInt32(0),
        reader.GetInt64(1),
        reader.GetGuid(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.GetString(12),
        reader.GetFieldValue<DateTimeOffset>(13));
}
