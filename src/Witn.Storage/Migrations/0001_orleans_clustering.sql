-- Orleans clustering (silo membership) for the ADO.NET provider, invariant "Npgsql".
--
-- Creates the query catalogue every Orleans ADO.NET provider reads at start-up, the two membership
-- tables, and the catalogue rows Microsoft.Orleans.Clustering.AdoNet 10.4.x needs. Reminders (0002)
-- and grain state (0003) add their rows to the same catalogue.
--
-- Orleans' DeploymentId parameter carries ClusterOptions.ClusterId. Every timestamp is timestamptz:
-- Orleans passes UTC DateTimes as DbType.DateTime, which Npgsql sends as timestamp with time zone.

-- The providers load their SQL with the fixed, unquoted statement
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- which PostgreSQL folds to lower case, hence these lower-case names. Npgsql resolves the
-- provider's "QueryKey"/"QueryText" column look-ups case-insensitively.
CREATE TABLE orleansquery (
    querykey   varchar(64) PRIMARY KEY,
    querytext  text NOT NULL
);

-- One row per cluster. version is the membership table's etag: every insert or update of a silo
-- row must present the version it read and moves it on by one.
CREATE TABLE orleans_cluster_version (
    cluster_id  text PRIMARY KEY,
    version     integer NOT NULL DEFAULT 0,
    changed_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port, generation). status holds Orleans' SiloStatus
-- (3 = Active, 6 = Dead); suspect_times is Orleans' own "silo,date|silo,date" text.
CREATE TABLE orleans_silo (
    cluster_id       text NOT NULL REFERENCES orleans_cluster_version (cluster_id) ON DELETE CASCADE,
    address          text NOT NULL,
    port             integer NOT NULL,
    generation       integer NOT NULL,
    silo_name        text NOT NULL,
    host_name        text NOT NULL,
    status           integer NOT NULL,
    proxy_port       integer NOT NULL DEFAULT 0,
    suspect_times    text NULL,
    start_time       timestamptz NOT NULL,
    i_am_alive_time  timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

-- Query texts. Parameters are Orleans' names (@DeploymentId, @Address, ...); result columns are
-- aliased to the names the provider reads. Each query is a single statement, so it is atomic
-- on its own.
INSERT INTO orleansquery (querykey, querytext) VALUES

-- Gateways a client may connect to: active silos with a gateway port. (@Status is 3, Active.)
('GatewaysQueryKey', $sql$
SELECT s.address     AS "Address",
       s.proxy_port  AS "ProxyPort",
       s.generation  AS "Generation"
FROM orleans_silo s
WHERE s.cluster_id = @DeploymentId
  AND s.status = @Status
  AND s.proxy_port > 0
$sql$),

-- One silo. The version row is always returned (left join), with NULL silo columns when the
-- silo is unknown: Orleans takes the table version from the first row.
('MembershipReadRowKey', $sql$
SELECT v.version          AS "Version",
       s.address          AS "Address",
       s.port             AS "Port",
       s.generation       AS "Generation",
       s.silo_name        AS "SiloName",
       s.host_name        AS "HostName",
       s.status           AS "Status",
       s.proxy_port       AS "ProxyPort",
       s.suspect_times    AS "SuspectTimes",
       s.start_time       AS "StartTime",
       s.i_am_alive_time  AS "IAmAliveTime"
FROM orleans_cluster_version v
LEFT JOIN orleans_silo s
       ON s.cluster_id = v.cluster_id
      AND s.address = @Address
      AND s.port = @Port
      AND s.generation = @Generation
WHERE v.cluster_id = @DeploymentId
$sql$),

-- Every silo of the cluster, each row carrying the table version (one row of NULLs if empty).
('MembershipReadAllKey', $sql$
SELECT v.version          AS "Version",
       s.address          AS "Address",
       s.port             AS "Port",
       s.generation       AS "Generation",
       s.silo_name        AS "SiloName",
       s.host_name        AS "HostName",
       s.status           AS "Status",
       s.proxy_port       AS "ProxyPort",
       s.suspect_times    AS "SuspectTimes",
       s.start_time       AS "StartTime",
       s.i_am_alive_time  AS "IAmAliveTime"
FROM orleans_cluster_version v
LEFT JOIN orleans_silo s ON s.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId
ORDER BY s.address, s.port, s.generation
$sql$),

-- Creates the cluster's version row if missing; one boolean column: was it created.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_cluster_version (cluster_id)
    VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created)
$sql$),

-- Heartbeat. Not versioned: it never moves the table version.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_silo
SET i_am_alive_time = @IAmAliveTime
WHERE cluster_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
$sql$),

-- Adds a silo if @Version is still the table version and the silo is not there yet; moves the
-- version on in the same statement. One boolean column: did it succeed. A concurrent writer
-- holding the version row makes this one wait, then find the version changed and return false.
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_cluster_version v
    SET version = v.version + 1,
        changed_at = now()
    WHERE v.cluster_id = @DeploymentId
      AND v.version = @Version
      AND NOT EXISTS (
          SELECT 1 FROM orleans_silo s
          WHERE s.cluster_id = @DeploymentId
            AND s.address = @Address
            AND s.port = @Port
            AND s.generation = @Generation)
    RETURNING v.cluster_id
), added AS (
    INSERT INTO orleans_silo (cluster_id, address, port, generation, silo_name, host_name,
                              status, proxy_port, start_time, i_am_alive_time)
    SELECT b.cluster_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped b
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM added)
$sql$),

-- Changes a silo's status, suspicions and heartbeat if @Version is still the table version;
-- moves the version on. One boolean column: did it succeed.
('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_cluster_version v
    SET version = v.version + 1,
        changed_at = now()
    WHERE v.cluster_id = @DeploymentId
      AND v.version = @Version
      AND EXISTS (
          SELECT 1 FROM orleans_silo s
          WHERE s.cluster_id = @DeploymentId
            AND s.address = @Address
            AND s.port = @Port
            AND s.generation = @Generation)
    RETURNING v.cluster_id
), changed AS (
    UPDATE orleans_silo s
    SET status = @Status,
        suspect_times = @SuspectTimes,
        i_am_alive_time = @IAmAliveTime
    FROM bumped b
    WHERE s.cluster_id = b.cluster_id
      AND s.address = @Address
      AND s.port = @Port
      AND s.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM changed)
$sql$),

-- Forgets a whole cluster: the version row, and its silos through ON DELETE CASCADE.
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_cluster_version
WHERE cluster_id = @DeploymentId
$sql$),

-- Defunct-silo cleanup, all at once: removes dead silos (status 6) that started, last
-- heartbeated and were last suspected before the cut-off @IAmAliveTime. suspect_times dates
-- are fixed-width "yyyy-MM-dd HH:mm:ss.fff GMT" text, so they compare as strings.
-- Orleans 10.4 uses this only when the optional CleanupDefunctSiloEntryKey below is absent.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_silo s
WHERE s.cluster_id = @DeploymentId
  AND s.status = 6
  AND s.start_time < @IAmAliveTime
  AND s.i_am_alive_time < @IAmAliveTime
  AND NOT EXISTS (
      SELECT 1
      FROM unnest(string_to_array(s.suspect_times, '|')) AS vote(entry)
      WHERE split_part(vote.entry, ',', 2) COLLATE "C"
            >= to_char(@IAmAliveTime AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') || ' GMT')
$sql$),

-- Defunct-silo cleanup, one row at a time (optional key, preferred by Orleans 10.4 when present):
-- Orleans reads the table, picks the eligible dead silos itself, then deletes each one only if
-- the row still holds the values it saw (compare-and-delete). NULL and empty suspicion text are
-- the same to Orleans, so they compare equal here.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleans_silo
WHERE cluster_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$sql$);
