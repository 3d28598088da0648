-- Contracts: what each tenant pays, as immutable versions 1, 2, … per tenant. A change is a new version with its
-- own effective_from; charges and invoices name the version they used, so a version never changes or disappears
-- (triggers refuse UPDATE, DELETE and TRUNCATE). Writers take a per-tenant advisory lock to number versions, and
-- the primary key backs that up. The version in force at an instant is the highest one whose effective_from is
-- at or before it.
CREATE TABLE contracts (
    tenant_id       text NOT NULL REFERENCES tenants (id),
    version         integer NOT NULL,
    effective_from  timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    format          text NOT NULL,
    -- the text as the author sent it (error positions and audits refer to it) ...
    source          text NOT NULL,
    -- ... and its canonical form, queryable.
    canonical       jsonb NOT NULL,
    currency        char(3) NOT NULL,
    PRIMARY KEY (tenant_id, version),
    CONSTRAINT contracts_version CHECK (version >= 1),
    CONSTRAINT contracts_format_known CHECK (format IN ('yaml', 'json')),
    CONSTRAINT contracts_currency_code CHECK (currency ~ '^[A-Z]{3}$')
);

CREATE TRIGGER contracts_immutable BEFORE UPDATE OR DELETE ON contracts
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change('contract versions are immutable: put a new version instead');
CREATE TRIGGER contracts_no_truncate BEFORE TRUNCATE ON contracts
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change('contract versions are immutable: put a new version instead');
