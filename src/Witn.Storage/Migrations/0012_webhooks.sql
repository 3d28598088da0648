-- Webhooks: the ledger outbox delivered as signed HTTP POSTs to registered endpoints.
-- (0011 is the invoices migration on another branch; the runner applies whatever is missing, in order.)

-- An endpoint is never deleted, only disabled, so every delivery keeps naming the endpoint it was for.
-- The secret is kept as given (not hashed): the dispatcher needs it to sign each request.
CREATE TABLE webhook_endpoints (
    id           uuid PRIMARY KEY,
    url          text NOT NULL,
    events       text[] NOT NULL,
    tenant_id    text NULL,
    secret       text NOT NULL,
    created_at   timestamptz NOT NULL,
    disabled_at  timestamptz NULL,
    CONSTRAINT webhook_endpoints_has_events CHECK (cardinality(events) > 0)
);

-- One delivery per (endpoint, outbox row), created by the dispatcher's fan-out; its id is the event id the
-- receiver sees, stable across retries and replays. status: pending (to send), delivered, dead (gave up).
-- A sender holds a pending row while locked_until is in the future; lease_token says which claim it was.
CREATE TABLE webhook_deliveries (
    id                uuid PRIMARY KEY,
    endpoint_id       uuid NOT NULL REFERENCES webhook_endpoints (id),
    outbox_id         bigint NOT NULL REFERENCES ledger_outbox (id),
    event_type        text NOT NULL,
    status            text NOT NULL,
    attempts          integer NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL,
    locked_until      timestamptz NULL,
    lease_token       uuid NULL,
    last_status_code  integer NULL,
    last_error        text NULL,
    delivered_at      timestamptz NULL,
    created_at        timestamptz NOT NULL,
    CONSTRAINT webhook_deliveries_once UNIQUE (endpoint_id, outbox_id),
    CONSTRAINT webhook_deliveries_status CHECK (status IN ('pending', 'delivered', 'dead')),
    CONSTRAINT webhook_deliveries_delivered_has_time CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);

-- The dispatcher's work queue: only pending rows, by due time.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- Listing by status (and endpoint) for operators.
CREATE INDEX webhook_deliveries_status_endpoint ON webhook_deliveries (status, endpoint_id, outbox_id);
