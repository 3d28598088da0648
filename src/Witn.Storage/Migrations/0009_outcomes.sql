-- Outcome state: one row per (tenant, definition, correlation value), written by the outcome grain through a group
-- commit (many grains' writes in one statement). `state` is the grain's own record (events, reviews, ledger refs);
-- the other columns are what queries need without reading it: the due index drives sandbox clocks and
-- operators' views, the status index the review queue and the outcomes API.
CREATE TABLE outcomes (
    tenant_id           text NOT NULL,
    definition          text NOT NULL,
    correlation         text NOT NULL,
    definition_version  integer NOT NULL,
    status              text NOT NULL,
    first_event_at      timestamptz NULL,
    qualified_at        timestamptz NULL,
    settles_at          timestamptz NULL,
    next_due_at         timestamptz NULL,
    charge_id           uuid NULL,
    credit_id           uuid NULL,
    event_count         integer NOT NULL,
    updated_at          timestamptz NOT NULL,
    state               json NOT NULL,
    PRIMARY KEY (tenant_id, definition, correlation)
);

CREATE INDEX outcomes_due ON outcomes (tenant_id, next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX outcomes_status ON outcomes (tenant_id, status, definition, correlation);

-- How far the tenant grain has routed the tenant's log (a position): a sandbox clock advance waits for it to reach
-- the tenant's last acked event, so nothing acked before the advance is missing when due outcomes are decided.
ALTER TABLE tenants ADD COLUMN routed_through bigint NOT NULL DEFAULT 0;
