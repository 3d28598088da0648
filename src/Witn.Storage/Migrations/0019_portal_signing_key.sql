-- The key that signs customer portal links (docs/portal.md). The first silo that issues or checks a link generates
-- it and every later one reads the same row, so any silo verifies any link and links outlive restarts. One row,
-- never changed: replacing it would void every link out there (configuration can supply a key instead,
-- Witn:Portal:SigningKey).
CREATE TABLE portal_signing_keys (
    id         smallint    PRIMARY KEY CHECK (id = 1),
    secret     bytea       NOT NULL CHECK (octet_length(secret) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The runtime role creates the row once and reads it; it never updates or deletes it.
GRANT SELECT, INSERT ON portal_signing_keys TO witn_runtime;
