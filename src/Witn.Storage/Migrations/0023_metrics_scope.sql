-- The metrics scope: a key that scrapes GET /metrics (Prometheus' bearer token) and does nothing else.
ALTER TABLE api_keys DROP CONSTRAINT api_keys_scopes_known;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_known CHECK (scopes <@ ARRAY['admin', 'ingest', 'read', 'disputes', 'metrics']::text[] AND cardinality(scopes) > 0);
