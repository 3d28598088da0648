-- Orleans grain state for the ADO.NET grain storage provider, invariant "Npgsql".
--
-- Creates the grain state table and adds the rows Microsoft.Orleans.Persistence.AdoNet 10.4.x needs
-- to the orleansquery catalogue created by 0001.
--
-- A grain is identified by service, grain type and Orleans' key split: @GrainIdN0/@GrainIdN1 (the
-- Guid halves, or 0 and the integer key) and @GrainIdExtensionString (key extension, or the whole
-- key for string-keyed grains; NULL when there is none). Rows are matched on those exact values;
-- @GrainIdHash/@GrainTypeHash are only stored, so changing the provider's hasher does not lose state.
-- Every named storage provider pointed at this database shares the one table.
--
-- Beware: Orleans passes the state NAME ([PersistentState("name", ...)]) as @GrainTypeString, not the
-- grain class, and the key split carries no grain type. Two grain classes that use the same state
-- name and the same key therefore share one row: state names must be unique across grain classes.
--
-- Optimistic concurrency: version is the state's etag. @GrainStateVersion is the etag the grain
-- holds (NULL before its first write). Write, clear and delete answer with exactly one row whose
-- value is the new etag, or NULL when the etag did not match: Orleans turns NULL into an
-- InconsistentStateException.

CREATE TABLE orleans_grain_state (
    service_id       text NOT NULL,
    grain_type       text NOT NULL,
    grain_id_n0      bigint NOT NULL,
    grain_id_n1      bigint NOT NULL,
    grain_id_ext     text NULL,
    grain_type_hash  integer NOT NULL,
    grain_id_hash    integer NOT NULL,
    payload          bytea NULL,
    version          integer NOT NULL,
    modified_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_grain_state_identity
        UNIQUE NULLS NOT DISTINCT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext)
);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- The state and its etag; no row when never written. A cleared (not deleted) state has a NULL
-- payload and keeps its version.
('ReadFromStorageKey', $sql$
SELECT g.payload  AS "PayloadBinary",
       g.version  AS "Version"
FROM orleans_grain_state g
WHERE g.service_id = @ServiceId
  AND g.grain_type = @GrainTypeString
  AND g.grain_id_n0 = @GrainIdN0
  AND g.grain_id_n1 = @GrainIdN1
  AND g.grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
$sql$),

-- First write (no etag) inserts version 1, and fails if another activation got there first;
-- later writes replace the payload only if the etag still matches.
('WriteToStorageKey', $sql$
WITH replaced AS (
    UPDATE orleans_grain_state g
    SET payload = @PayloadBinary,
        version = g.version + 1,
        grain_type_hash = @GrainTypeHash,
        grain_id_hash = @GrainIdHash,
        modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND g.service_id = @ServiceId
      AND g.grain_type = @GrainTypeString
      AND g.grain_id_n0 = @GrainIdN0
      AND g.grain_id_n1 = @GrainIdN1
      AND g.grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
      AND g.version = @GrainStateVersion
    RETURNING g.version
), created AS (
    INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext,
                                     grain_type_hash, grain_id_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
           @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_identity DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM replaced
        UNION ALL
        SELECT version FROM created) AS "NewGrainStateVersion"
$sql$),

-- Clear keeping the row: drops the payload, moves the etag on.
('ClearStorageKey', $sql$
WITH cleared AS (
    UPDATE orleans_grain_state g
    SET payload = NULL,
        version = g.version + 1,
        modified_at = now()
    WHERE g.service_id = @ServiceId
      AND g.grain_type = @GrainTypeString
      AND g.grain_id_n0 = @GrainIdN0
      AND g.grain_id_n1 = @GrainIdN1
      AND g.grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
      AND g.version = @GrainStateVersion
    RETURNING g.version
)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
$sql$),

-- Clear removing the row (AdoNetGrainStorageOptions.DeleteStateOnClear = true). Orleans expects
-- the deleted version + 1 back; the grain then starts over without an etag.
('DeleteStorageKey', $sql$
WITH deleted AS (
    DELETE FROM orleans_grain_state g
    WHERE g.service_id = @ServiceId
      AND g.grain_type = @GrainTypeString
      AND g.grain_id_n0 = @GrainIdN0
      AND g.grain_id_n1 = @GrainIdN1
      AND g.grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
      AND g.version = @GrainStateVersion
    RETURNING g.version
)
SELECT (SELECT version + 1 FROM deleted) AS "NewGrainStateVersion"
$sql$);
