-- Keys may expire (refused from expires_at on, like a revoked key) and show when they were last used. last_used_at
-- is written at most once a minute per key by the key's grain, never once per request.
ALTER TABLE api_keys
    ADD COLUMN expires_at   timestamptz NULL,
    ADD COLUMN last_used_at timestamptz NULL,
    ADD CONSTRAINT api_keys_expires_after_creation CHECK (expires_at IS NULL OR expires_at > created_at);
