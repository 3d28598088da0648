-- Alerts (docs/alerts.md): rules, the state of each rule's series, and the append-only history of firings.
--
-- A rule is configuration: it can be replaced and deleted. Built-in rules live in code (Witn.Domain.Alerts.
-- BuiltinAlertRules); a row here with a built-in's name is the admin's replacement of it (builtin = true).
-- tenant_id is the rule's scope tenant: null applies the rule to every tenant, each evaluated on its own.
CREATE TABLE alert_rules (
    name        text PRIMARY KEY,
    tenant_id   text NULL REFERENCES tenants (id),
    builtin     boolean NOT NULL,
    rule        jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- A tenant's own version of a built-in rule (turned off, or other limits, for that tenant only); it wins over the
-- built-in and over the cluster-wide replacement in alert_rules for that tenant.
CREATE TABLE alert_overrides (
    name        text NOT NULL,
    tenant_id   text NOT NULL REFERENCES tenants (id),
    rule        jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (name, tenant_id)
);

-- One series per (rule, tenant, group): series is '' without a grouping, else the definition, the agent id, or
-- "agent id/version". last_day: the last cohort day judged (daily metrics catch up day by day from it).
CREATE TABLE alert_series (
    rule_name      text NOT NULL,
    tenant_id      text NOT NULL REFERENCES tenants (id),
    series         text NOT NULL,
    status         text NOT NULL CONSTRAINT alert_series_status CHECK (status IN ('ok', 'pending', 'firing')),
    outside_since  timestamptz NULL,
    last_day       date NULL,
    firing_id      uuid NULL,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (rule_name, tenant_id, series)
);

-- Each firing and each resolution, with the rule as it was, the value, the baseline and up to 10 examples. The id is
-- derived from the reading (Witn.Domain.Alerts.AlertIds): evaluating the same reading again inserts nothing.
CREATE TABLE alert_history (
    id           uuid PRIMARY KEY,
    rule_name    text NOT NULL,
    tenant_id    text NOT NULL REFERENCES tenants (id),
    series       text NOT NULL,
    kind         text NOT NULL CONSTRAINT alert_history_kind CHECK (kind IN ('triggered', 'resolved')),
    at           timestamptz NOT NULL,
    day          date NULL,
    rule         jsonb NOT NULL,
    value        numeric NULL,
    volume       bigint NOT NULL,
    baseline     jsonb NULL,
    examples     jsonb NOT NULL,
    triggered_id uuid NULL REFERENCES alert_history (id),
    seq          bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX alert_history_rule ON alert_history (rule_name, seq);
CREATE INDEX alert_history_tenant ON alert_history (tenant_id, seq);

CREATE TRIGGER alert_history_append_only BEFORE UPDATE OR DELETE ON alert_history
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('alert history is append-only: a resolution is a new entry');
CREATE TRIGGER alert_history_no_truncate BEFORE TRUNCATE ON alert_history
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('alert history is append-only: a resolution is a new entry');

-- Firings and resolutions are announced through the outbox like the ledger's rows (ref: the alert_history id).
ALTER TABLE ledger_outbox DROP CONSTRAINT ledger_outbox_kind;
ALTER TABLE ledger_outbox ADD CONSTRAINT ledger_outbox_kind CHECK (kind IN (
    'charge', 'credit', 'invoice', 'dispute_opened', 'dispute_updated', 'dispute_resolved', 'dispute_overdue',
    'alert_triggered', 'alert_resolved'));

GRANT SELECT, INSERT, UPDATE, DELETE ON alert_rules, alert_overrides, alert_series TO witn_runtime;
GRANT SELECT, INSERT ON alert_history TO witn_runtime;
GRANT USAGE ON SEQUENCE alert_history_seq_seq TO witn_runtime;
