-- Orleans reminders for the ADO.NET provider, invariant "Npgsql".
--
-- Creates the reminder table and adds the rows Microsoft.Orleans.Reminders.AdoNet 10.4.x needs to
-- the orleansquery catalogue created by 0001. Parameters are Orleans' names; result columns are
-- aliased to the names the provider reads.
--
-- @GrainHash/@BeginHash/@EndHash are Orleans' uint32 ring hashes cast to signed int32; range reads
-- compare in that signed order, which is why there are two range queries. @Period is milliseconds,
-- sent as int32 or, for very long periods, int64, and always read back as bigint.

CREATE TABLE orleans_reminder (
    service_id     text NOT NULL,
    grain_id       text NOT NULL,
    reminder_name  text NOT NULL,
    start_time     timestamptz NOT NULL,
    period_ms      bigint NOT NULL,
    grain_hash     integer NOT NULL,
    version        integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo reads the reminders of its slice of the hash ring.
CREATE INDEX orleans_reminder_ring ON orleans_reminder (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- All reminders of one grain.
('ReadReminderRowsKey', $sql$
SELECT r.grain_id       AS "GrainId",
       r.reminder_name  AS "ReminderName",
       r.start_time     AS "StartTime",
       r.period_ms      AS "Period",
       r.version        AS "Version"
FROM orleans_reminder r
WHERE r.service_id = @ServiceId
  AND r.grain_id = @GrainId
$sql$),

-- Ring slice (@BeginHash, @EndHash] that does not wrap in signed order.
('ReadRangeRows1Key', $sql$
SELECT r.grain_id       AS "GrainId",
       r.reminder_name  AS "ReminderName",
       r.start_time     AS "StartTime",
       r.period_ms      AS "Period",
       r.version        AS "Version"
FROM orleans_reminder r
WHERE r.service_id = @ServiceId
  AND r.grain_hash > @BeginHash
  AND r.grain_hash <= @EndHash
$sql$),

-- Ring slice that wraps: above @BeginHash or up to @EndHash (all of it when they are equal).
('ReadRangeRows2Key', $sql$
SELECT r.grain_id       AS "GrainId",
       r.reminder_name  AS "ReminderName",
       r.start_time     AS "StartTime",
       r.period_ms      AS "Period",
       r.version        AS "Version"
FROM orleans_reminder r
WHERE r.service_id = @ServiceId
  AND (r.grain_hash > @BeginHash OR r.grain_hash <= @EndHash)
$sql$),

-- One reminder (no row when absent).
('ReadReminderRowKey', $sql$
SELECT r.grain_id       AS "GrainId",
       r.reminder_name  AS "ReminderName",
       r.start_time     AS "StartTime",
       r.period_ms      AS "Period",
       r.version        AS "Version"
FROM orleans_reminder r
WHERE r.service_id = @ServiceId
  AND r.grain_id = @GrainId
  AND r.reminder_name = @ReminderName
$sql$),

-- Creates or replaces a reminder; returns its new version (the reminder's etag) as "Version".
('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminder AS r (service_id, grain_id, reminder_name, start_time, period_ms,
                                   grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time,
    period_ms = EXCLUDED.period_ms,
    grain_hash = EXCLUDED.grain_hash,
    version = r.version + 1
RETURNING r.version AS "Version"
$sql$),

-- Removes a reminder if @Version is still its etag; one boolean column: was it removed.
('DeleteReminderRowKey', $sql$
WITH removed AS (
    DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId
      AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed)
$sql$),

-- Removes every reminder of the service.
('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminder
WHERE service_id = @ServiceId
$sql$);
