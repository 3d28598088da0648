-- Outcome definitions: a deployment-wide catalog (the vendor running Witn defines its outcomes; tenants are
-- billed under contracts that refer to them). One row per name with its status, plus immutable versions.
-- Publishing locks the name's row (SELECT … FOR UPDATE) so concurrent publishers on any silo get n and n + 1,
-- never n twice; the primary key (name, version) backs that up. Every change bumps `revision` and sends
-- NOTIFY witn_outcome_definitions in the same transaction, so each silo's in-memory catalog follows within
-- milliseconds (and ignores anything older than what it holds).
CREATE TABLE outcome_definitions (
    name            text PRIMARY KEY,
    status          text NOT NULL,
    latest_version  integer NOT NULL,
    revision        bigint NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT outcome_definitions_name_format CHECK (name ~ '^[a-z0-9_]{1,64}$'),
    CONSTRAINT outcome_definitions_status_known CHECK (status IN ('active', 'shadow', 'retired')),
    CONSTRAINT outcome_definitions_latest_version CHECK (latest_version >= 0)
);

CREATE TABLE outcome_definition_versions (
    name            text NOT NULL REFERENCES outcome_definitions (name),
    version         integer NOT NULL,
    content_hash    text NOT NULL,
    -- text, not jsonb: the canonical bytes are what the hash covers, and jsonb would reorder keys.
    canonical_json  text NOT NULL,
    listened_types  text[] NOT NULL,
    source_text     text NOT NULL,
    source_format   text NOT NULL,
    published_at    timestamptz NOT NULL,
    PRIMARY KEY (name, version),
    CONSTRAINT outcome_definition_versions_version CHECK (version >= 1),
    CONSTRAINT outcome_definition_versions_format_known CHECK (source_format IN ('yaml', 'json'))
);

-- Charges name the definition version they used: a version must never change or disappear.
CREATE FUNCTION outcome_definition_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'outcome definition versions are immutable; publish a new version instead';
END;
$$;

CREATE TRIGGER outcome_definition_versions_immutable
    BEFORE UPDATE OR DELETE ON outcome_definition_versions
    FOR EACH ROW EXECUTE FUNCTION outcome_definition_versions_immutable();
