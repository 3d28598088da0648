-- API keys: only a SHA-256 hash of the secret is stored. The secret is 32 random bytes, so a fast hash
-- is enough (nothing to brute-force); the key id is public and finds the row without scanning.
CREATE TABLE api_keys (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    scopes       text[] NOT NULL,
    tenant_id    text NULL,
    secret_hash  bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz NULL,
    CONSTRAINT api_keys_scopes_known CHECK (scopes <@ ARRAY['admin', 'ingest', 'read']::text[] AND cardinality(scopes) > 0)
);
