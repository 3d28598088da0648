using Npgsql;
using NpgsqlTypes;
using Witn.Domain.Quality;

namespace Witn.Storage.Quality;

/// <summary>
/// Reads the quality counters (migration 0022): one round trip of three grouped sums over the tenant's cells in a
/// day range (counters, completion histograms, credited money), however many outcomes, charges or events they count.
/// </summary>
public sealed class QualityStore(NpgsqlDataSource dataSource)
{
    // $1 tenant, $2/$3 day range, $4 grouping, $5 interval, $6 definition, $7 agent id, $8 agent versions.
    private const string Key = """
        CASE $4 WHEN 'definition' THEN definition WHEN 'agent' THEN agent_id WHEN 'agent_version' THEN agent_id END AS k1,
        CASE $4 WHEN 'agent_version' THEN agent_version END AS k2,
        CASE $5 WHEN 'day' THEN day WHEN 'week' THEN date_trunc('week', day)::date END AS period
        """;

    private const string Filter = """
        WHERE tenant_id = $1 AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day < $3)
          AND ($6::text IS NULL OR definition = $6) AND ($7::text IS NULL OR agent_id = $7)
          AND ($8::text[] IS NULL OR agent_version = ANY ($8)) AND NOT ($4 = 'definition' AND definition = '')
        """;

    private const string Counters = $"""
        SELECT {Key},
               sum(opened)::bigint, sum(qualified)::bigint, sum(in_review)::bigint, sum(settled)::bigint, sum(voided)::bigint,
               sum(expired)::bigint, sum(rejected)::bigint, sum(reversed)::bigint, sum(charges)::bigint,
               sum(unpriced_charges)::bigint, sum(evidence_complete)::bigint, sum(credited_charges)::bigint,
               sum(credits)::bigint, sum(disputed_charges)::bigint, sum(disputes)::bigint, sum(events_received)::bigint,
               sum(duplicates)::bigint, sum(conflicts)::bigint
        FROM quality_counters {Filter}
        GROUP BY 1, 2, 3
        """;

    private const string Completion = $"""
        SELECT {Key}, bucket, sum(outcomes)::bigint FROM quality_completion {Filter} GROUP BY 1, 2, 3, 4
        """;

    private const string Amounts = $"""
        SELECT {Key}, currency::text, sum(credited_minor)::bigint FROM quality_amounts {Filter} GROUP BY 1, 2, 3, 4
        """;

    /// <summary>The query's groups and intervals, ordered by key then interval; none when no cell matches.</summary>
    public async Task<IReadOnlyList<QualityRow>> QueryAsync(QualityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(conn);
        foreach (var sql in new[] { Counters, Completion, Amounts })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.TenantId });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = query.From is { } f ? f : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = query.To is { } t ? t : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = GroupingName(query.By) });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Interval switch { QualityInterval.Day => "day", QualityInterval.Week => "week", _ => "" } });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)query.Definition ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)query.AgentId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = query.AgentVersions is { } v ? v.ToArray() : DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        // Prepared once per physical connection: planning the three grouped statements is a good part of a read.
        await batch.PrepareAsync(cancellationToken);
        var counts = new SortedDictionary<(string, string, DateOnly), QualityCounts>(KeyOrder);
        var completion = new Dictionary<(string, string, DateOnly), List<(int, long)>>();
        var credited = new Dictionary<(string, string, DateOnly), List<(string, long)>>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var c = new long[18];
            for (var i = 0; i < c.Length; i++)
            {
                c[i] = reader.GetInt64(3 + i);
            }

            counts[KeyOf(reader)] = new QualityCounts(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13], c[14], c[15], c[16], c[17]);
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Add(completion, KeyOf(reader), (reader.GetInt16(3), reader.GetInt64(4)));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Add(credited, KeyOf(reader), (reader.GetString(3), reader.GetInt64(4)));
        }

        return [.. counts.Select(e => new QualityRow(
            query.By == QualityGrouping.Definition ? e.Key.Item1 : null,
            query.By is QualityGrouping.Agent or QualityGrouping.AgentVersion ? e.Key.Item1 : null,
            query.By == QualityGrouping.AgentVersion ? e.Key.Item2 : null,
            query.Interval == QualityInterval.Whole ? null : e.Key.Item3,
            e.Value,
            completion.GetValueOrDefault(e.Key) ?? [],
            [.. (credited.GetValueOrDefault(e.Key) ?? []).OrderBy(a => a.Item1, StringComparer.Ordinal)]))];
    }

    private static readonly Comparer<(string, string, DateOnly)> KeyOrder = Comparer<(string, string, DateOnly)>.Create((a, b) =>
        string.CompareOrdinal(a.Item1, b.Item1) is var k1 and not 0 ? k1
        : string.CompareOrdinal(a.Item2, b.Item2) is var k2 and not 0 ? k2
        : a.Item3.CompareTo(b.Item3));

    private static string GroupingName(QualityGrouping by) => QualityGroupings.Name(by) ?? "";

    // Ungrouped parts read as '' and the whole range as DateOnly.MinValue, so keys compare and sort without nulls.
    private static (string, string, DateOnly) KeyOf(NpgsqlDataReader r) => (
        r.IsDBNull(0) ? "" : r.GetString(0),
        r.IsDBNull(1) ? "" : r.GetString(1),
        r.IsDBNull(2) ? DateOnly.MinValue : r.GetFieldValue<DateOnly>(2));

    private static void Add<T>(Dictionary<(string, string, DateOnly), List<T>> into, (string, string, DateOnly) key, T value)
    {
        if (!into.TryGetValue(key, out var list))
        {
            into[key] = list = [];
        }

        list.Add(value);
    }
}
