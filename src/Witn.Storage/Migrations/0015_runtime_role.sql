-- Two roles (docs/operations.md): the owner, which applies these scripts and so owns every table, and witn_runtime,
-- the role the silo works as. The runtime role gets exactly the rights the silo's statements need, table by table,
-- so the database itself, not only the code, refuses to rewrite money: on charges, credits, invoices, contracts,
-- definition versions and the event log it may only INSERT and SELECT; on the outbox it may also set published_at.
-- It owns nothing, so it can neither ALTER (disable a trigger), DROP nor TRUNCATE anything.
--
-- Every later migration that creates a table grants the runtime role its rights on it in the same script (a test
-- fails on a table the runtime role has no rights on). There are no default privileges on purpose: a new table's
-- rights are a decision, not an accident.

-- The role is shared by every database of the server. Normally the operator (or the embedded PostgreSQL) has created
-- it as a login role; an owner allowed to create roles creates it here, without login, so a single-role deployment
-- (--allow-owner-role) can still migrate.
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'witn_runtime') THEN
        BEGIN
            CREATE ROLE witn_runtime NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database's migration created it at the same moment
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'role witn_runtime does not exist, and % may not create it', current_user
                    USING HINT = 'create it first: CREATE ROLE witn_runtime LOGIN PASSWORD ''…'' (docs/operations.md)';
        END;
    END IF;
END
$roles$;

-- Orleans' own tables: the providers insert, update and delete their rows; the query catalogue is read only.
GRANT SELECT ON orleansquery TO witn_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON orleans_cluster_version, orleans_silo, orleans_reminder, orleans_grain_state TO witn_runtime;

-- Readiness compares the applied migrations with the build's.
GRANT SELECT ON schema_migrations TO witn_runtime;

-- Append-only: the event log, the money and what the money refers to.
GRANT SELECT, INSERT ON events, charges, credits, invoices, contracts, outcome_definition_versions, log_settings TO witn_runtime;

-- The outbox: appended with each ledger row; the publisher only marks a row published (and locks rows to do so).
GRANT SELECT, INSERT ON ledger_outbox TO witn_runtime;
GRANT UPDATE (published_at) ON ledger_outbox TO witn_runtime;
GRANT USAGE ON SEQUENCE ledger_outbox_id_seq TO witn_runtime;

-- State that really changes: log positions and checkpoints, tenants (test clocks, routing progress), outcome state,
-- the definition catalogue's status, key revocation, invoice drafts (open periods and their rollups), webhook
-- endpoints (disabling) and deliveries (status). Never DELETE: nothing here is removed by the silo.
GRANT SELECT, INSERT, UPDATE ON log_partitions, log_checkpoints, tenants, outcomes, outcome_definitions, api_keys,
    invoice_periods, invoice_rollups, invoice_credit_rollups, webhook_endpoints, webhook_deliveries TO witn_runtime;

-- The event log is append-only for the owner too: a row is never updated or deleted (archiving, later, will be a
-- privileged path of its own).
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('the event log is append-only: send a new event instead');
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('the event log is append-only: send a new event instead');

CREATE TRIGGER outcome_definition_versions_no_truncate BEFORE TRUNCATE ON outcome_definition_versions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('outcome definition versions are immutable; publish a new version instead');

-- The runtime role may update invoice periods (finalizing one), so the database keeps a final period final: reopened,
-- it would take new charges and credits behind an invoice that was already sent.
CREATE FUNCTION invoice_period_stays_final() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF OLD.status = 'final' THEN
        RAISE EXCEPTION 'the invoice period of tenant % starting % is final and never changes: credits land on the next open period',
            OLD.tenant_id, OLD.period_start USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$fn$;

CREATE TRIGGER invoice_periods_final BEFORE UPDATE OR DELETE ON invoice_periods
    FOR EACH ROW EXECUTE FUNCTION invoice_period_stays_final();
