-- Collecting the money (docs/payments.md): each tenant's Stripe and Lago settings, the exports of finalized invoices,
-- credits and settled charges to those providers, and reconciliations of what the providers hold with the ledger.

-- A tenant is exported to Stripe when it has a Stripe customer, to Lago when it has a Lago customer.
ALTER TABLE tenants ADD COLUMN stripe_customer_id text NULL;
ALTER TABLE tenants ADD COLUMN stripe_collection text NULL CONSTRAINT tenants_stripe_collection CHECK (stripe_collection IN ('charge_automatically', 'send_invoice'));
ALTER TABLE tenants ADD COLUMN stripe_days_until_due integer NULL;
ALTER TABLE tenants ADD COLUMN stripe_auto_advance boolean NULL;
ALTER TABLE tenants ADD COLUMN lago_customer_id text NULL;

-- One export per (provider, subject): made by the outbox fan-out in the same transaction that marks the outbox row
-- published, so a subject is handed to a provider exactly once however many silos fan out. subject: 'invoice'
-- (Stripe: items + invoice), 'credit' (Stripe: a credit issued after its charge's invoice was final), 'charge'
-- (Lago: one event). progress holds the provider ids already created (Stripe's invoice and items by line), so a
-- retry after a crash resumes; the idempotency keys cover the write whose answer was lost. round counts retries asked for
-- by hand: each is a new round of requests (new idempotency keys, after looking up what the provider already holds).
-- status: pending (to do), exported, failed (the provider refused it: a 4xx other than 429), dead (gave up retrying).
CREATE TABLE exports (
    id                uuid PRIMARY KEY,
    provider          text NOT NULL CONSTRAINT exports_provider CHECK (provider IN ('stripe', 'lago')),
    subject           text NOT NULL CONSTRAINT exports_subject CHECK (subject IN ('invoice', 'credit', 'charge')),
    subject_id        uuid NOT NULL,
    tenant_id         text NOT NULL REFERENCES tenants (id),
    status            text NOT NULL CONSTRAINT exports_status CHECK (status IN ('pending', 'exported', 'failed', 'dead')),
    attempts          integer NOT NULL DEFAULT 0,
    round             integer NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL,
    first_attempt_at  timestamptz NULL,
    locked_until      timestamptz NULL,
    lease_token       uuid NULL,
    provider_id       text NULL,
    method            text NULL,
    progress          jsonb NOT NULL DEFAULT '{}'::jsonb,
    last_error        text NULL,
    created_at        timestamptz NOT NULL,
    exported_at       timestamptz NULL,
    CONSTRAINT exports_once UNIQUE (provider, subject, subject_id)
);
CREATE INDEX exports_due ON exports (next_attempt_at) WHERE status = 'pending';
CREATE INDEX exports_tenant ON exports (tenant_id, subject, status);

-- A failed or dead export is announced like the ledger's rows (ref: the export id): webhook export.failed.
ALTER TABLE ledger_outbox DROP CONSTRAINT ledger_outbox_kind;
ALTER TABLE ledger_outbox ADD CONSTRAINT ledger_outbox_kind CHECK (kind IN (
    'charge', 'credit', 'invoice', 'dispute_opened', 'dispute_updated', 'dispute_resolved', 'dispute_overdue',
    'alert_triggered', 'alert_resolved', 'export_failed'));

-- A reconciliation: asked for (POST /v1/reconciliations) or the daily run; a silo runs it and writes its findings.
-- It never corrects anything. status: pending, running, done, failed.
CREATE TABLE reconciliations (
    id            uuid PRIMARY KEY,
    provider      text NOT NULL CONSTRAINT reconciliations_provider CHECK (provider IN ('stripe', 'lago')),
    period_start  date NULL,
    tenants       text[] NULL,
    trigger       text NOT NULL CONSTRAINT reconciliations_trigger CHECK (trigger IN ('request', 'daily')),
    status        text NOT NULL CONSTRAINT reconciliations_status CHECK (status IN ('pending', 'running', 'done', 'failed')),
    locked_until  timestamptz NULL,
    lease_token   uuid NULL,
    error         text NULL,
    counts        jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz NOT NULL,
    finished_at   timestamptz NULL
);
CREATE INDEX reconciliations_pending ON reconciliations (created_at) WHERE status IN ('pending', 'running');

-- One finding per compared line (or provider object no line explains), with both sides' figures in minor units.
CREATE TABLE reconciliation_findings (
    reconciliation_id uuid NOT NULL REFERENCES reconciliations (id) ON DELETE CASCADE,
    seq               integer NOT NULL,
    tenant_id         text NOT NULL,
    invoice_id        uuid NULL,
    invoice_number    text NULL,
    line              integer NULL,
    kind              text NOT NULL CONSTRAINT reconciliation_findings_kind CHECK (kind IN ('matched', 'missing_at_provider', 'amount_mismatch', 'unknown_at_provider')),
    ledger_minor      bigint NULL,
    provider_minor    bigint NULL,
    currency          char(3) NULL,
    provider_ref      text NULL,
    note              text NULL,
    PRIMARY KEY (reconciliation_id, seq)
);
CREATE INDEX reconciliation_findings_tenant ON reconciliation_findings (tenant_id, kind);

GRANT SELECT, INSERT, UPDATE ON exports TO witn_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON reconciliations, reconciliation_findings TO witn_runtime;
