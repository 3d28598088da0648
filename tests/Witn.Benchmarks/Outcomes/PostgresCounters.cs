using Npgsql;

namespace Witn.Benchmarks.Outcomes;

/// <summary>
/// PostgreSQL's own work counters at one instant: WAL bytes and records written (<c>pg_stat_wal</c>), transactions
/// committed (<c>pg_stat_database</c>) and rows inserted and updated per table (<c>pg_stat_user_tables</c>).
/// Divided by the events of a window they are costs per event that do not depend on how busy the shared machine
/// is, unlike a rate. (Table statistics reach the views within about a second of each transaction.)
/// </summary>
public sealed record PostgresCounters(long WalBytes, long WalRecords, long WalFullPages, long Commits, IReadOnlyDictionary<string, (long Inserted, long Updated, long HotUpdated)> Tables)
{
    public static async Task<PostgresCounters> TakeAsync(NpgsqlDataSource db)
    {
        // Pending table statistics of this backend are flushed by the next statement; others' within a second.
        await using (var cmd = db.CreateCommand("SELECT pg_stat_force_next_flush()"))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        long walBytes, walRecords, walFpi, commits;
        await using (var cmd = db.CreateCommand("""
            SELECT w.wal_bytes::bigint, w.wal_records, w.wal_fpi, d.xact_commit
            FROM pg_stat_wal w, pg_stat_database d WHERE d.datname = current_database()
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            (walBytes, walRecords, walFpi, commits) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
        }

        var tables = new Dictionary<string, (long, long, long)>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                tables[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
            }
        }

        return new PostgresCounters(walBytes, walRecords, walFpi, commits, tables);
    }

    /// <summary>What happened between <paramref name="from"/> and this sample, per event, as benchmark figures.</summary>
    public IEnumerable<BenchmarkResult> PerEvent(PostgresCounters from, long events, string label)
    {
        double Per(long v) => (double)v / events;
        yield return new($"{label}: WAL bytes per event", Per(WalBytes - from.WalBytes), "bytes");
        yield return new($"{label}: WAL records per event", Per(WalRecords - from.WalRecords), "records");
        yield return new($"{label}: WAL full-page images per 1,000 events", 1000 * Per(WalFullPages - from.WalFullPages), "pages");
        yield return new($"{label}: transactions committed per 1,000 events", 1000 * Per(Commits - from.Commits), "commits");
        foreach (var (table, now) in Tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var before = from.Tables.GetValueOrDefault(table);
            var (ins, upd, hot) = (now.Inserted - before.Inserted, now.Updated - before.Updated, now.HotUpdated - before.HotUpdated);
            // Tables the pipeline does not write per event (keys, membership) would only be noise.
            if (1000 * Per(ins + upd) < 0.1)
            {
                continue;
            }

            yield return new($"{label}: {table} rows inserted per 1,000 events", 1000 * Per(ins), "rows");
            yield return new($"{label}: {table} rows updated per 1,000 events", 1000 * Per(upd), "rows");
            if (upd > 0)
            {
                yield return new($"{label}: {table} updates that were HOT (no index entries)", 100.0 * hot / upd, "%");
            }
        }
    }
}
