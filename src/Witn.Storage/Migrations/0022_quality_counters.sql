-- Revenue-quality counters (docs/quality.md): running totals per cell, written in the same statement or transaction
-- as the change that causes them (an outcome write, a charge, a credit, a dispute, a log flush), so the quality API
-- and alerts sum a few rows per day instead of scanning outcomes, the ledger or the log.
--
-- A cell is (tenant, UTC day, definition, agent id, agent version). An outcome's cell is fixed when it is first
-- written: the day of its first event (event time) and the agent of the first event it received; its charges,
-- credits and disputes count in that same cell, so every rate of a cell is a cohort (settled / opened <= 1).
-- Events are counted at ingest, before routing, in the cell of their own day and agent with definition ''.
-- '' stands for "none" in agent_id and agent_version (a key column cannot be null).
-- shard spreads one cell over a few rows (by database backend), so concurrent writers of one busy cell do not queue
-- on one row lock; readers sum the shards.

CREATE TABLE quality_counters (
    tenant_id          text NOT NULL,
    day                date NOT NULL,
    definition         text NOT NULL,
    agent_id           text NOT NULL,
    agent_version      text NOT NULL,
    shard              smallint NOT NULL,
    opened             bigint NOT NULL DEFAULT 0,
    qualified          bigint NOT NULL DEFAULT 0,
    in_review          bigint NOT NULL DEFAULT 0,
    settled            bigint NOT NULL DEFAULT 0,
    voided             bigint NOT NULL DEFAULT 0,
    expired            bigint NOT NULL DEFAULT 0,
    rejected           bigint NOT NULL DEFAULT 0,
    reversed           bigint NOT NULL DEFAULT 0,
    charges            bigint NOT NULL DEFAULT 0,
    unpriced_charges   bigint NOT NULL DEFAULT 0,
    evidence_complete  bigint NOT NULL DEFAULT 0,
    credited_charges   bigint NOT NULL DEFAULT 0,
    credits            bigint NOT NULL DEFAULT 0,
    disputed_charges   bigint NOT NULL DEFAULT 0,
    disputes           bigint NOT NULL DEFAULT 0,
    events_received    bigint NOT NULL DEFAULT 0,
    duplicates         bigint NOT NULL DEFAULT 0,
    conflicts          bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, definition, agent_id, agent_version, shard)
);

-- Time to billable completion (first event -> settles_at) as a histogram of fixed log-scale buckets
-- (Witn.Domain.Quality.CompletionHistogram): mergeable by addition, so any set of cells gives its percentiles.
-- Not sharded (shard is always 0): the buckets already spread a cell's writes, and readers get one row per bucket.
CREATE TABLE quality_completion (
    tenant_id      text NOT NULL,
    day            date NOT NULL,
    definition     text NOT NULL,
    agent_id       text NOT NULL,
    agent_version  text NOT NULL,
    shard          smallint NOT NULL,
    bucket         smallint NOT NULL,
    outcomes       bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, definition, agent_id, agent_version, shard, bucket)
);

-- Credited money per currency (never summed across currencies).
CREATE TABLE quality_amounts (
    tenant_id       text NOT NULL,
    day             date NOT NULL,
    definition      text NOT NULL,
    agent_id        text NOT NULL,
    agent_version   text NOT NULL,
    shard           smallint NOT NULL,
    currency        char(3) NOT NULL,
    credited_minor  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, definition, agent_id, agent_version, shard, currency)
);

-- The outcome's cell, fixed at its first write (never updated), and the statuses it has ever reached (a bit mask,
-- Witn.Domain.Quality.QualityReached): a status counts once per outcome, the first time it is reached.
-- Rows written before this migration have no cell and are not counted.
ALTER TABLE outcomes ADD COLUMN quality_day date NULL;
ALTER TABLE outcomes ADD COLUMN quality_agent_id text NULL;
ALTER TABLE outcomes ADD COLUMN quality_agent_version text NULL;
ALTER TABLE outcomes ADD COLUMN quality_reached integer NOT NULL DEFAULT 0;

GRANT SELECT, INSERT, UPDATE ON quality_counters, quality_completion, quality_amounts TO witn_runtime;
