-- The ledger: charges, credits and the outbox that announces them. Money is append-only (invariant 4):
-- triggers refuse UPDATE, DELETE and TRUNCATE on charges and credits; a correction is a new row (a credit).
-- Exactly-once (invariant 2) is the unique keys: one charge per (tenant, outcome, correlation), ever, and one
-- credit per charge. Writers insert ON CONFLICT DO NOTHING and read back the row that won.
-- Amounts are integers in the currency's minor units (ISO 4217 exponent), so sums are exact.

CREATE TABLE charges (
    id                  uuid PRIMARY KEY,
    tenant_id           text NOT NULL,
    outcome             text NOT NULL,
    definition_version  integer NOT NULL,
    correlation         text NOT NULL,
    qualified_at        timestamptz NOT NULL,
    settles_at          timestamptz NOT NULL,
    committed_at        timestamptz NOT NULL,
    agent_id            text NULL,
    agent_version       text NULL,
    dimensions          jsonb NOT NULL,
    value               numeric NULL,
    contract_version    integer NULL,
    currency            char(3) NULL,
    unit_price          numeric NULL,
    amount_minor        bigint NULL,
    evidence            jsonb NOT NULL,
    CONSTRAINT charges_one_per_outcome UNIQUE (tenant_id, outcome, correlation),
    CONSTRAINT charges_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT charges_amount_has_currency CHECK (amount_minor IS NULL OR currency IS NOT NULL),
    CONSTRAINT charges_settles_after_qualified CHECK (settles_at >= qualified_at)
);

-- Invoices and statements read a tenant's charges by period (event time).
CREATE INDEX charges_tenant_qualified ON charges (tenant_id, qualified_at);

CREATE TABLE credits (
    id            uuid PRIMARY KEY,
    charge_id     uuid NOT NULL REFERENCES charges (id),
    tenant_id     text NOT NULL,
    reason        text NOT NULL,
    created_at    timestamptz NOT NULL,
    amount_minor  bigint NULL,
    evidence      jsonb NOT NULL,
    CONSTRAINT credits_one_per_charge UNIQUE (charge_id)
);

CREATE INDEX credits_tenant_created ON credits (tenant_id, created_at);

-- Written in the same transaction as the ledger row; a publisher sets published_at once it has delivered it.
CREATE TABLE ledger_outbox (
    id            bigserial PRIMARY KEY,
    kind          text NOT NULL,
    ref           uuid NOT NULL,
    tenant_id     text NOT NULL,
    created_at    timestamptz NOT NULL,
    published_at  timestamptz NULL,
    CONSTRAINT ledger_outbox_kind CHECK (kind IN ('charge', 'credit'))
);

-- The publisher's work queue stays small however long the ledger grows.
CREATE INDEX ledger_outbox_unpublished ON ledger_outbox (id) WHERE published_at IS NULL;

-- TG_ARGV[0] is the message, so each table says what to do instead.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
$fn$;

CREATE TRIGGER charges_append_only BEFORE UPDATE OR DELETE ON charges
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('charges are append-only: add a credit instead');
CREATE TRIGGER charges_no_truncate BEFORE TRUNCATE ON charges
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('charges are append-only: add a credit instead');

CREATE TRIGGER credits_append_only BEFORE UPDATE OR DELETE ON credits
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('credits are append-only: add a new ledger row instead');
CREATE TRIGGER credits_no_truncate BEFORE TRUNCATE ON credits
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('credits are append-only: add a new ledger row instead');

CREATE TRIGGER ledger_outbox_no_delete BEFORE DELETE ON ledger_outbox
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('ledger_outbox rows are never deleted: set published_at instead');
CREATE TRIGGER ledger_outbox_no_truncate BEFORE TRUNCATE ON ledger_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('ledger_outbox rows are never deleted: set published_at instead');

-- Only published_at may change, so an outbox row always names the ledger row it was written with.
CREATE FUNCTION ledger_outbox_only_publish() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF (NEW.id, NEW.kind, NEW.ref, NEW.tenant_id, NEW.created_at) IS DISTINCT FROM
       (OLD.id, OLD.kind, OLD.ref, OLD.tenant_id, OLD.created_at) THEN
        RAISE EXCEPTION 'ledger_outbox rows may only change published_at' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$fn$;

CREATE TRIGGER ledger_outbox_publish_only BEFORE UPDATE ON ledger_outbox
    FOR EACH ROW EXECUTE FUNCTION ledger_outbox_only_publish();
