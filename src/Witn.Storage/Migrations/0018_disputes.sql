-- Disputes (docs/disputes.md): a buyer's challenge of one charge, its append-only history, and the credits it issues.
--
-- disputes holds each dispute as it stands now: the columns a list, a sweep or a summary filters and groups on
-- (tenant, charge, outcome, status, reason, amount, dates) beside the full state (jsonb, the domain's Dispute).
-- It is updated in place, but never deleted; every change is also a row of dispute_history, which is append-only
-- like the ledger, so what happened to a dispute can always be read back. Webhooks name a history row (the dispute
-- as it was when the change was made), in the same transaction as the change.

CREATE TABLE disputes (
    id               uuid PRIMARY KEY,
    tenant_id        text NOT NULL,
    charge_id        uuid NOT NULL REFERENCES charges (id),
    outcome          text NOT NULL,
    correlation      text NOT NULL,
    status           text NOT NULL,
    reason           text NOT NULL,
    amount_minor     bigint NOT NULL,
    currency         char(3) NOT NULL,
    opened_at        timestamptz NOT NULL,
    ack_due_by       timestamptz NOT NULL,
    resolve_due_by   timestamptz NOT NULL,
    acknowledged_at  timestamptz NULL,
    resolved_at      timestamptz NULL,
    -- When the one dispute.overdue was sent (the dispute was seen past a due date); null: not (yet) overdue.
    overdue_at       timestamptz NULL,
    credit_id        uuid NULL,
    credited_minor   bigint NULL,
    -- Optimistic concurrency: each change bumps it, so two writers of one dispute can never both win.
    version          integer NOT NULL,
    state            jsonb NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT disputes_status CHECK (status IN ('open', 'under_review', 'credited', 'rejected', 'withdrawn')),
    CONSTRAINT disputes_amount_positive CHECK (amount_minor > 0),
    CONSTRAINT disputes_dates CHECK (ack_due_by >= opened_at AND resolve_due_by >= opened_at)
);

-- One open dispute per charge, whatever the writer.
CREATE UNIQUE INDEX disputes_one_open_per_charge ON disputes (charge_id) WHERE status IN ('open', 'under_review');
CREATE INDEX disputes_charge ON disputes (charge_id, opened_at);
-- Listing a tenant's disputes by opening time (keyset: opened_at, id) and summaries over a range of it.
CREATE INDEX disputes_tenant_opened ON disputes (tenant_id, opened_at, id);
-- The overdue sweep: open disputes not yet announced overdue, by the earlier due date.
CREATE INDEX disputes_overdue_due ON disputes (least(ack_due_by, resolve_due_by)) WHERE status IN ('open', 'under_review') AND overdue_at IS NULL;

CREATE TRIGGER disputes_no_delete BEFORE DELETE ON disputes
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('disputes are never deleted: withdraw, reject or credit them instead');
CREATE TRIGGER disputes_no_truncate BEFORE TRUNCATE ON disputes
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('disputes are never deleted: withdraw, reject or credit them instead');

-- Every change to a dispute, in order (seq 1 is the opening): what changed, who did it, and the dispute after it.
CREATE TABLE dispute_history (
    id          uuid PRIMARY KEY,
    dispute_id  uuid NOT NULL REFERENCES disputes (id),
    tenant_id   text NOT NULL,
    seq         integer NOT NULL,
    change      text NOT NULL,
    actor       text NOT NULL,
    at          timestamptz NOT NULL,
    overdue     boolean NOT NULL,
    state       jsonb NOT NULL,
    CONSTRAINT dispute_history_seq UNIQUE (dispute_id, seq)
);

CREATE TRIGGER dispute_history_append_only BEFORE UPDATE OR DELETE ON dispute_history
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('dispute history is append-only: record a new change instead');
CREATE TRIGGER dispute_history_no_truncate BEFORE TRUNCATE ON dispute_history
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('dispute history is append-only: record a new change instead');

-- Credits: a charge may now have several. The lifecycle credit (a reversal, a void, a rerating) stays one per
-- charge; a dispute credit is one per dispute (its id is derived from the dispute, so a retry is the same row).
-- credits_within_charge (0014) still keeps their sum at most the charge.
ALTER TABLE credits ADD COLUMN dispute_id uuid NULL REFERENCES disputes (id);
CREATE UNIQUE INDEX credits_one_lifecycle_per_charge ON credits (charge_id) WHERE dispute_id IS NULL;
CREATE UNIQUE INDEX credits_one_per_dispute ON credits (dispute_id) WHERE dispute_id IS NOT NULL;
ALTER TABLE credits DROP CONSTRAINT credits_one_per_charge;
-- The sum per charge (the trigger, "what is left to credit") no longer has the unique constraint's index.
CREATE INDEX credits_charge ON credits (charge_id);

-- Each dispute change that is announced is an outbox row naming its dispute_history row.
ALTER TABLE ledger_outbox DROP CONSTRAINT ledger_outbox_kind;
ALTER TABLE ledger_outbox ADD CONSTRAINT ledger_outbox_kind CHECK (kind IN (
    'charge', 'credit', 'invoice', 'dispute_opened', 'dispute_updated', 'dispute_resolved', 'dispute_overdue'));

-- Tenant dispute terms (docs/disputes.md): 48 h to acknowledge, 14 days to resolve, no four-eyes limit by default.
ALTER TABLE tenants ADD COLUMN dispute_ack_within_seconds bigint NOT NULL DEFAULT 172800;
ALTER TABLE tenants ADD COLUMN dispute_resolve_within_seconds bigint NOT NULL DEFAULT 1209600;
ALTER TABLE tenants ADD COLUMN dispute_approval_limit numeric NULL;

-- The runtime role: disputes change (status, thread) but are never deleted; their history only grows.
GRANT SELECT, INSERT, UPDATE ON disputes TO witn_runtime;
GRANT SELECT, INSERT ON dispute_history TO witn_runtime;

-- The disputes scope: operators who review disputes (read, message, review, resolve).
ALTER TABLE api_keys DROP CONSTRAINT api_keys_scopes_known;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_known CHECK (scopes <@ ARRAY['admin', 'ingest', 'read', 'disputes']::text[] AND cardinality(scopes) > 0);
