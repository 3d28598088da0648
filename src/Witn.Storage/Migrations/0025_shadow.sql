-- Shadow billing and promotion (docs/simulation.md, "Shadow billing and promotion").
--
-- Shadow contract versions: what a tenant would pay under a candidate contract. Never used for live pricing or
-- invoices, so they live apart from `contracts` (live version numbers never move). Numbered 1, 2, … per tenant
-- under the same per-tenant advisory lock as live versions; immutable like them. The tenant's current shadow
-- version is its highest one, unless that one has been promoted (then it has none until the next put).
CREATE TABLE shadow_contracts (
    tenant_id       text NOT NULL REFERENCES tenants (id),
    version         integer NOT NULL,
    -- As put (or the put's instant): a promotion replaces it with the promotion's `at`.
    effective_from  timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    format          text NOT NULL,
    source          text NOT NULL,
    canonical       jsonb NOT NULL,
    currency        char(3) NOT NULL,
    PRIMARY KEY (tenant_id, version),
    CONSTRAINT shadow_contracts_version CHECK (version >= 1),
    CONSTRAINT shadow_contracts_format_known CHECK (format IN ('yaml', 'json')),
    CONSTRAINT shadow_contracts_currency_code CHECK (currency ~ '^[A-Z]{3}$')
);

CREATE TRIGGER shadow_contracts_immutable BEFORE UPDATE OR DELETE ON shadow_contracts
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('shadow contract versions are immutable: put a new shadow version instead');
CREATE TRIGGER shadow_contracts_no_truncate BEFORE TRUNCATE ON shadow_contracts
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('shadow contract versions are immutable: put a new shadow version instead');

-- Each promotion of a shadow version to a live one, written in the live version's transaction: a shadow version is
-- promoted at most once (primary key), and the live version it became is named.
CREATE TABLE contract_promotions (
    tenant_id       text NOT NULL,
    shadow_version  integer NOT NULL,
    live_version    integer NOT NULL,
    at              timestamptz NOT NULL,
    promoted_at     timestamptz NOT NULL,
    -- The current period's measured deviation when promoted (null: not measurable, the live side was zero) ...
    delta_percent   numeric NULL,
    -- ... and whether the caller forced it past its threshold.
    forced          boolean NOT NULL,
    PRIMARY KEY (tenant_id, shadow_version),
    FOREIGN KEY (tenant_id, shadow_version) REFERENCES shadow_contracts (tenant_id, version),
    FOREIGN KEY (tenant_id, live_version) REFERENCES contracts (tenant_id, version)
);

CREATE TRIGGER contract_promotions_append_only BEFORE UPDATE OR DELETE ON contract_promotions
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('contract promotions are append-only');
CREATE TRIGGER contract_promotions_no_truncate BEFORE TRUNCATE ON contract_promotions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('contract promotions are append-only');

-- A shadow definition promoted at a period boundary is active from that instant: outcomes whose first event is at or
-- after it are billed, earlier ones never (Witn.Domain.Definitions.DefinitionBilling). Null: no such boundary (an
-- active definition bills every outcome). Set with the status in one statement, so it is atomic with it.
ALTER TABLE outcome_definitions ADD COLUMN active_from timestamptz NULL;
ALTER TABLE outcome_definitions ADD CONSTRAINT outcome_definitions_active_from CHECK (active_from IS NULL OR status <> 'shadow');

-- The comparison reads a tenant's settled outcomes of shadow definitions through outcomes_status (tenant, status,
-- definition): no new index on the hot outcomes table.

GRANT SELECT, INSERT ON shadow_contracts, contract_promotions TO witn_runtime;
