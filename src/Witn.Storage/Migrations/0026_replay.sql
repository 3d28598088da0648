-- Replay (docs/simulation.md): what the live system decided by that replay needs besides the event log, and the
-- simulations' own storage, which nothing on the money path reads or writes.

-- Review decisions as taken (the outcome row keeps them too, but a rebuild starts without outcome rows).
-- decided_at is on the tenant's clock, recorded_at real time. Append-only.
CREATE TABLE review_decisions (
    tenant_id    text NOT NULL,
    definition   text NOT NULL,
    correlation  text NOT NULL,
    decided_at   timestamptz NOT NULL,
    verdict      text NOT NULL,
    decided_by   text NULL,
    note         text NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, definition, correlation, decided_at),
    CONSTRAINT review_decisions_verdict CHECK (verdict IN ('approve', 'reject'))
);

CREATE TRIGGER review_decisions_append_only BEFORE UPDATE OR DELETE ON review_decisions
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('review decisions are append-only');

-- Every move of a sandbox tenant's clock: the clock it moved to and when (real time). A sandbox outcome is decided
-- at these moments, so replay decides at the same ones.
CREATE TABLE tenant_clock_advances (
    tenant_id    text NOT NULL REFERENCES tenants (id),
    advanced_at  timestamptz NOT NULL,
    clock_now    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, advanced_at, clock_now)
);

CREATE TRIGGER tenant_clock_advances_append_only BEFORE UPDATE OR DELETE ON tenant_clock_advances
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('clock advances are append-only');

-- When (real time) an invoice became final: finalized_at is on the tenant's clock, and replay must know whether a
-- ledger row came before or after the freeze. Null for invoices finalized before this migration.
ALTER TABLE invoices ADD COLUMN recorded_at timestamptz NULL;

-- A simulation (or a parity replay, which is a simulation without candidates). Kept 30 days (expires_at).
CREATE TABLE simulations (
    id            uuid PRIMARY KEY,
    name          text NULL,
    status        text NOT NULL,
    request       jsonb NOT NULL,
    events_total  bigint NOT NULL DEFAULT 0,
    events_read   bigint NOT NULL DEFAULT 0,
    outcomes      bigint NOT NULL DEFAULT 0,
    percent       integer NOT NULL DEFAULT 0,
    parity        jsonb NULL,
    summary       jsonb NULL,
    error         text NULL,
    created_at    timestamptz NOT NULL,
    started_at    timestamptz NULL,
    finished_at   timestamptz NULL,
    expires_at    timestamptz NOT NULL,
    CONSTRAINT simulations_status CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    CONSTRAINT simulations_percent CHECK (percent BETWEEN 0 AND 100)
);

CREATE INDEX simulations_created ON simulations (created_at, id);

-- What replay charged and credited, as invoice rollups: per side ('replay': the versions in force, for parity;
-- 'simulated': the candidates), kind ('charge', 'credit', 'standing': outcomes left charged), period and line key.
CREATE TABLE simulation_usage (
    simulation_id     uuid NOT NULL REFERENCES simulations (id) ON DELETE CASCADE,
    tenant_id         text NOT NULL,
    side              text NOT NULL,
    kind              text NOT NULL,
    period_start      timestamptz NOT NULL,
    outcome           text NOT NULL,
    contract_version  integer NOT NULL,
    bucket            text NOT NULL,
    unit_price        numeric NULL,
    quantity          bigint NOT NULL,
    value_sum         numeric NOT NULL,
    amount_minor      bigint NOT NULL,
    PRIMARY KEY (simulation_id, tenant_id, side, kind, period_start, outcome, contract_version, bucket),
    CONSTRAINT simulation_usage_side CHECK (side IN ('replay', 'simulated')),
    CONSTRAINT simulation_usage_kind CHECK (kind IN ('charge', 'credit', 'standing'))
);

-- Actual and simulated figures per tenant, definition and billing period (amounts in minor units, net of credits).
CREATE TABLE simulation_results (
    simulation_id            uuid NOT NULL REFERENCES simulations (id) ON DELETE CASCADE,
    tenant_id                text NOT NULL,
    definition               text NOT NULL,
    period_start             timestamptz NOT NULL,
    currency                 char(3) NULL,
    actual_outcomes          bigint NOT NULL,
    actual_amount_minor      bigint NOT NULL,
    simulated_outcomes       bigint NOT NULL,
    simulated_amount_minor   bigint NOT NULL,
    PRIMARY KEY (simulation_id, tenant_id, definition, period_start)
);

-- Outcomes whose status or amount a simulation changed, with both sides' explanations and the events behind them.
CREATE TABLE simulation_flips (
    simulation_id  uuid NOT NULL REFERENCES simulations (id) ON DELETE CASCADE,
    tenant_id      text NOT NULL,
    definition     text NOT NULL,
    correlation    text NOT NULL,
    before         jsonb NOT NULL,
    after          jsonb NOT NULL,
    event_ids      uuid[] NOT NULL,
    PRIMARY KEY (simulation_id, tenant_id, definition, correlation)
);

-- Where replay with the versions in force did not give back the ledger: a defect to fix, listed with both sides.
CREATE TABLE simulation_mismatches (
    simulation_id  uuid NOT NULL REFERENCES simulations (id) ON DELETE CASCADE,
    tenant_id      text NOT NULL,
    definition     text NOT NULL,
    correlation    text NOT NULL,
    differences    jsonb NOT NULL,
    PRIMARY KEY (simulation_id, tenant_id, definition, correlation)
);

GRANT SELECT, INSERT ON review_decisions, tenant_clock_advances TO witn_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON simulations, simulation_usage, simulation_results, simulation_flips, simulation_mismatches TO witn_runtime;
