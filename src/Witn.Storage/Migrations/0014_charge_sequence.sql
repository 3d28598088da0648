-- One outcome may hold several charges over its life: when a late event changes what a settled outcome bills
-- (its value, its price bucket), the old charge is credited and a new one made; when a charged outcome is credited
-- and later qualifies again (a review approval, a condition that holds again), it is charged again. Each charge
-- has its place in the outcome's charges, and exactly-once is now one charge per (tenant, outcome, correlation,
-- sequence): a retried commit of the same place finds the first.
ALTER TABLE charges ADD COLUMN sequence integer NOT NULL DEFAULT 1;
ALTER TABLE charges ADD CONSTRAINT charges_sequence_positive CHECK (sequence >= 1);
ALTER TABLE charges ADD CONSTRAINT charges_one_per_outcome_sequence UNIQUE (tenant_id, outcome, correlation, sequence);
ALTER TABLE charges DROP CONSTRAINT charges_one_per_outcome;

-- The database, not only the code, refuses to credit more than a charge: the credits of one charge (amounts in
-- the same minor units) never add up to more than it. An AFTER trigger, so a repeat that ON CONFLICT turns into
-- nothing is never checked; the credits of one charge are serialized by an advisory lock on the charge (a row
-- lock would need UPDATE rights on the append-only charges table), and the sum, read after the lock, sees every
-- credit committed before (READ COMMITTED: each statement of the function takes a new snapshot).
CREATE FUNCTION credits_within_charge() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    charged  bigint;
    credited bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(NEW.charge_id::text, 7));
    SELECT amount_minor INTO charged FROM charges WHERE id = NEW.charge_id;
    IF NEW.amount_minor IS NOT NULL AND NEW.amount_minor < 0 THEN
        RAISE EXCEPTION 'a credit amount is positive (it reduces the total): got % minor units', NEW.amount_minor
            USING ERRCODE = 'check_violation';
    END IF;
    IF charged IS NULL OR NEW.amount_minor IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT coalesce(sum(amount_minor), 0) INTO credited FROM credits WHERE charge_id = NEW.charge_id;
    IF credited > charged THEN
        RAISE EXCEPTION 'credits of charge % would exceed it: % + % > % minor units', NEW.charge_id, credited - NEW.amount_minor, NEW.amount_minor, charged
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER credits_within_charge AFTER INSERT ON credits
    FOR EACH ROW EXECUTE FUNCTION credits_within_charge();
