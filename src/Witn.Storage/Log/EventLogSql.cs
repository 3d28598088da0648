namespace Witn.Storage.Log;

/// <summary>The statements of the log, in one place so that tests can drive raw transactions with the writer's exact SQL.</summary>
internal static class EventLogSql
{
    public const string InsertSettings = "INSERT INTO log_settings (partition_count) VALUES ($1) ON CONFLICT (id) DO NOTHING";

    // A statement of its own (after the insert): a fresh snapshot sees the row whichever writer created it.
    public const string ReadSettings = "SELECT partition_count FROM log_settings";

    // Only the missing rows: ON CONFLICT alone would wait for any writer holding a partition row (its updated
    // version is uncommitted), stalling a starting silo behind a flush.
    public const string InitPartitions = """
        INSERT INTO log_partitions (partition, next_position)
        SELECT p, 1 FROM generate_series(0, $1 - 1) AS p
        WHERE NOT EXISTS (SELECT 1 FROM log_partitions l WHERE l.partition = p)
        ON CONFLICT (partition) DO NOTHING
        """;

    // Locks in ascending partition order (LockRows sits above the Sort), so two writers never deadlock; the locks
    // are held until COMMIT, which makes commit order equal position order within a partition.
    public const string LockPartitions =
        "SELECT partition FROM log_partitions WHERE partition = ANY($1) ORDER BY partition FOR UPDATE";

    // One statement per flush: reserve a block of positions per partition (rows already locked above), number the
    // rows in input order within their partition, insert all, skip existing (tenant_id, event_id). The input has
    // no duplicate keys (the writer folds them first); conflicting keys burn a position (readers allow gaps).
    public const string Insert = """
        WITH input AS (
            SELECT * FROM unnest($1::integer[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                                 $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bytea[])
                WITH ORDINALITY AS t(partition, tenant_id, event_id, type, occurred_at, idempotency_key, agent_id, agent_version,
                                     trace_id, span_id, parent_span_id, properties, content_hash, ord)
        ),
        reserved AS (
            UPDATE log_partitions p SET next_position = p.next_position + c.n
            FROM (SELECT partition, count(*) AS n FROM input GROUP BY partition) c
            WHERE p.partition = c.partition
            RETURNING p.partition, p.next_position - c.n AS first_position
        )
        INSERT INTO events (partition, position, tenant_id, event_id, type, occurred_at, idempotency_key, agent_id, agent_version,
                            trace_id, span_id, parent_span_id, properties, content_hash, received_at)
        SELECT i.partition, r.first_position + row_number() OVER (PARTITION BY i.partition ORDER BY i.ord) - 1,
               i.tenant_id, i.event_id, i.type, i.occurred_at, i.idempotency_key, i.agent_id, i.agent_version,
               i.trace_id, i.span_id, i.parent_span_id, i.properties::jsonb, i.content_hash, $14
        FROM input i JOIN reserved r ON r.partition = i.partition
        ORDER BY i.ord
        ON CONFLICT (tenant_id, event_id) DO NOTHING
        RETURNING tenant_id, event_id, partition, position
        """;

    // Quality counts of a flush (docs/quality.md), pre-summed by the writer per cell: the event's UTC day and agent,
    // definition '' (events are counted before routing). Received counts every record sent; duplicates and
    // conflicts are added once the flush knows them, in the same transaction.
    public static readonly string CountEvents = Quality.QualitySql.Add("quality_counters", """
        SELECT tenant_id, day, '', agent_id, agent_version, received, duplicates, conflicts
        FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[])
             AS c(tenant_id, day, agent_id, agent_version, received, duplicates, conflicts)
        """, ["events_received", "duplicates", "conflicts"]);

    // The rows that were not inserted already exist, committed (ON CONFLICT waited for them) and immutable.
    public const string FindExisting = """
        SELECT e.tenant_id, e.event_id, e.partition, e.position, e.content_hash
        FROM unnest($1::text[], $2::uuid[]) AS k(tenant_id, event_id)
        JOIN events e ON e.tenant_id = k.tenant_id AND e.event_id = k.event_id
        """;

    public const string EventColumns =
        "partition, position, event_id, tenant_id, type, occurred_at, idempotency_key, agent_id, agent_version, trace_id, span_id, parent_span_id, properties, received_at";

    public const string ReadPartition =
        $"SELECT {EventColumns} FROM events WHERE partition = $1 AND position > $2 ORDER BY position LIMIT $3";

    public const string GetCheckpoint =
        "SELECT position FROM log_checkpoints WHERE consumer = $1 AND partition = $2";

    public const string SaveCheckpoint = """
        INSERT INTO log_checkpoints (consumer, partition, position) VALUES ($1, $2, $3)
        ON CONFLICT (consumer, partition) DO UPDATE SET position = EXCLUDED.position
        WHERE log_checkpoints.position < EXCLUDED.position
        """;
}
