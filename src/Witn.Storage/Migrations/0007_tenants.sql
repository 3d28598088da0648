-- Tenants: the customers being billed. A sandbox tenant has its own test clock (clock_start, clock_now).
CREATE TABLE tenants (
    id              text PRIMARY KEY,
    name            text NOT NULL,
    time_zone       text NOT NULL,
    sandbox         boolean NOT NULL,
    clock_start     timestamptz NULL,
    clock_now       timestamptz NULL,
    backfill_limit  interval NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT tenants_sandbox_clock CHECK (sandbox = (clock_start IS NOT NULL) AND sandbox = (clock_now IS NOT NULL))
);
