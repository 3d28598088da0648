-- The durable event log: one append-only table that is at once the log (ordered per partition), the audit
-- archive and the replay source. Rows are never updated or deleted.
--
-- Ordering: a writer locks its partitions' log_partitions rows (ascending, SELECT … FOR UPDATE), takes
-- positions from next_position and holds the locks until COMMIT. So per partition, commit order equals
-- position order: once a reader sees position p, every lower position is committed (or will never exist),
-- and a checkpoint can never skip a row that commits late. Positions start at 1 and may have gaps.
--
-- Deduplication is the unique key (tenant_id, event_id); the writer inserts ON CONFLICT DO NOTHING and
-- classifies the rest as duplicate (same content_hash) or conflict (different content; original kept).

-- The partition count is fixed for a database (the tenant -> partition hash depends on it); the first
-- writer records it, later writers with another count refuse to start.
CREATE TABLE log_settings (
    id               boolean PRIMARY KEY DEFAULT true,
    partition_count  integer NOT NULL,
    CONSTRAINT log_settings_single_row CHECK (id),
    CONSTRAINT log_settings_partition_count CHECK (partition_count BETWEEN 1 AND 4096)
);

-- One row per partition: the next position to hand out, and the row lock that orders commits.
CREATE TABLE log_partitions (
    partition      integer PRIMARY KEY,
    next_position  bigint NOT NULL,
    CONSTRAINT log_partitions_next_position CHECK (next_position >= 1)
);

CREATE TABLE events (
    partition        integer NOT NULL,
    position         bigint NOT NULL,
    tenant_id        text NOT NULL,
    event_id         uuid NOT NULL,
    type             text NOT NULL,
    occurred_at      timestamptz NOT NULL,
    idempotency_key  text NULL,
    agent_id         text NULL,
    agent_version    text NULL,
    trace_id         text NULL,
    span_id          text NULL,
    parent_span_id   text NULL,
    properties       jsonb NOT NULL,
    content_hash     bytea NOT NULL,
    received_at      timestamptz NOT NULL,
    PRIMARY KEY (partition, position),
    CONSTRAINT events_tenant_event UNIQUE (tenant_id, event_id),
    CONSTRAINT events_position CHECK (position >= 1)
);

-- Replay and audit of one tenant in event-time order.
CREATE INDEX events_tenant_time ON events (tenant_id, occurred_at);

-- Consumers' positions per partition; only ever moved forward.
CREATE TABLE log_checkpoints (
    consumer   text NOT NULL,
    partition  integer NOT NULL,
    position   bigint NOT NULL,
    PRIMARY KEY (consumer, partition)
);
