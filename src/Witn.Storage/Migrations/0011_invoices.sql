-- Invoices. Every charge and credit is assigned to one billing period when it is written (invoice_period, the
-- period's start instant): the period containing its time, or — when that period's invoice is already final — the
-- next open one, so a finalized invoice never changes. The writer share-locks the invoice_periods rows it assigns
-- to; finalization takes the row FOR UPDATE, so no commit can slip into a period while it is being frozen.
-- Running totals per (tenant, period, outcome, contract version, price bucket) are kept in the same transaction as
-- the ledger rows, so a draft invoice reads a handful of rollup rows, never the ledger.

ALTER TABLE ledger_outbox DROP CONSTRAINT ledger_outbox_kind;
ALTER TABLE ledger_outbox ADD CONSTRAINT ledger_outbox_kind CHECK (kind IN ('charge', 'credit', 'invoice'));

-- Nullable only because ADD COLUMN cannot fill rows of an append-only table; every writer since 0011 sets them.
ALTER TABLE charges ADD COLUMN invoice_period timestamptz NULL;
-- The `by` override a flat price used ('lead.segment=enterprise'); '' for the plain unit price and other prices.
ALTER TABLE charges ADD COLUMN price_bucket text NOT NULL DEFAULT '';
ALTER TABLE credits ADD COLUMN invoice_period timestamptz NULL;
-- The credit's own time on the tenant's clock (a sandbox tenant's test clock), which picks its period.
ALTER TABLE credits ADD COLUMN effective_at timestamptz NULL;

-- The charges behind an invoice line, in the order tier positions count them.
CREATE INDEX charges_tenant_period ON charges (tenant_id, invoice_period, outcome, coalesce(contract_version, 0), price_bucket, settles_at, id);
CREATE INDEX credits_tenant_period ON credits (tenant_id, invoice_period);

CREATE TABLE invoice_periods (
    tenant_id     text NOT NULL,
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    status        text NOT NULL DEFAULT 'open',
    PRIMARY KEY (tenant_id, period_start),
    CONSTRAINT invoice_periods_status CHECK (status IN ('open', 'final')),
    CONSTRAINT invoice_periods_range CHECK (period_end > period_start)
);

-- Charges per line key. contract_version 0 and price_bucket '' stand for "none" (keys cannot be null).
CREATE TABLE invoice_rollups (
    tenant_id         text NOT NULL,
    period_start      timestamptz NOT NULL,
    outcome           text NOT NULL,
    contract_version  integer NOT NULL,
    price_bucket      text NOT NULL,
    unit_price        numeric NULL,
    quantity          bigint NOT NULL,
    value_sum         numeric NOT NULL,
    PRIMARY KEY (tenant_id, period_start, outcome, contract_version, price_bucket)
);

-- Credits per outcome landing in a period.
CREATE TABLE invoice_credit_rollups (
    tenant_id     text NOT NULL,
    period_start  timestamptz NOT NULL,
    outcome       text NOT NULL,
    quantity      bigint NOT NULL,
    amount_minor  bigint NOT NULL,
    PRIMARY KEY (tenant_id, period_start, outcome)
);

-- Finalized invoices: the document as rendered at finalization, byte for byte what every later read returns.
CREATE TABLE invoices (
    id            uuid PRIMARY KEY,
    tenant_id     text NOT NULL,
    period_start  timestamptz NOT NULL,
    number        text NOT NULL,
    currency      char(3) NOT NULL,
    total_minor   bigint NOT NULL,
    finalized_at  timestamptz NOT NULL,
    document      text NOT NULL,
    CONSTRAINT invoices_one_per_period UNIQUE (tenant_id, period_start),
    CONSTRAINT invoices_number_unique UNIQUE (tenant_id, number)
);

CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('a finalized invoice never changes: credits land on the next open period');
CREATE TRIGGER invoices_no_truncate BEFORE TRUNCATE ON invoices
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('a finalized invoice never changes: credits land on the next open period');

-- Per tenant: finalize automatically once a period has ended and the grace has passed.
ALTER TABLE tenants ADD COLUMN auto_finalize boolean NOT NULL DEFAULT false;
ALTER TABLE tenants ADD COLUMN finalize_grace_seconds bigint NOT NULL DEFAULT 3600;
