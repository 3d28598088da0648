using Npgsql;
using NpgsqlTypes;

namespace Witn.Storage.Log;

/// <summary>A flush's events received, duplicates and conflicts per quality cell (tenant, UTC day of the event, agent), for <see cref="EventLogSql.CountEvents"/>.</summary>
internal sealed class EventQualityCounts
{
    private readonly Dictionary<(string Tenant, DateOnly Day, string Agent, string Version), (long Received, long Duplicates, long Conflicts)> _cells = [];

    public bool IsEmpty => _cells.Count == 0;

    public void Add(LogRecord record, long received, long duplicates, long conflicts)
    {
        var key = (record.TenantId, DateOnly.FromDateTime(record.Timestamp.UtcDateTime), record.AgentId ?? "", record.AgentVersion ?? "");
        var (r, d, c) = _cells.GetValueOrDefault(key);
        _cells[key] = (r + received, d + duplicates, c + conflicts);
    }

    public NpgsqlBatchCommand Command()
    {
        var cells = _cells.ToArray();
        var command = new NpgsqlBatchCommand(EventLogSql.CountEvents);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. cells.Select(c => c.Key.Tenant)] });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. cells.Select(c => c.Key.Day)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. cells.Select(c => c.Key.Agent)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. cells.Select(c => c.Key.Version)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. cells.Select(c => c.Value.Received)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. cells.Select(c => c.Value.Duplicates)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. cells.Select(c => c.Value.Conflicts)] });
        return command;
    }
}
