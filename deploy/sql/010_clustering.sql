-- 010_clustering.sql
--
-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet (silo side:
-- UseAdoNetClustering on the silo builder; client side: UseAdoNetClustering on
-- the client builder, which only runs GatewaysQueryKey), invariant "Npgsql".
--
-- Contract (Orleans 10.4.2, RelationalOrleansQueries / DbStoredQueries):
--  * The provider passes the ClusterId as parameter @DeploymentId.
--  * A silo is identified by @Address (IP address as text), @Port and
--    @Generation (int). @Status is the SiloStatus enum as int
--    (3 = Active, 6 = Dead). @SuspectTimes is a provider-formatted string
--    ("silo,date|silo,date"), stored verbatim.
--  * @StartTime and @IAmAliveTime are bound as DbType.DateTime with
--    DateTimeKind.Utc, which Npgsql sends as timestamptz; the provider reads
--    them back with GetDateTime() and marks them UTC.
--  * Every cluster has one version row. The "table version" handed to Orleans
--    is orleans_membership_version.version; @Version on insert/update is the
--    version the silo last read (its etag). An insert/update must succeed only
--    if that version is still current, and must then increment it, atomically
--    with the row change. The query returns a single row with a single
--    boolean column: true = applied, false = version conflict or (insert)
--    the silo row already exists / (update) the silo row does not exist.
--  * MembershipReadRowKey/MembershipReadAllKey must return at least one row
--    whenever the version row exists (LEFT JOIN): a row whose StartTime is
--    NULL means "no member", but its Version column is still read.
--    Result column names (matched case-insensitively by Npgsql): Address,
--    Port, Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes,
--    StartTime, IAmAliveTime, Version. Address must be text (read as string).
--  * GatewaysQueryKey returns Address, ProxyPort, Generation of silos with
--    status @Status (Active) that expose a gateway (ProxyPort > 0).
--  * CleanupDefunctSiloEntryKey (singular, optional in 10.4.2) is preferred by
--    the provider over CleanupDefunctSiloEntriesKey: the provider reads the
--    table, picks Dead silos whose StartTime and IAmAliveTime are both older
--    than the cut-off, and deletes each one only if the row is unchanged.
--    CleanupDefunctSiloEntriesKey (required) is the bulk fall-back, with the
--    cut-off in @IAmAliveTime.

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    cluster_id varchar(150) NOT NULL,
    version    integer      NOT NULL DEFAULT 0,
    changed_at timestamptz  NOT NULL DEFAULT now(),

    CONSTRAINT orleans_membership_version_pkey PRIMARY KEY (cluster_id)
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    cluster_id      varchar(150) NOT NULL,
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer      NOT NULL,
    proxy_port      integer      NOT NULL DEFAULT 0,
    suspect_times   text         NULL,
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,

    CONSTRAINT orleans_membership_pkey PRIMARY KEY (cluster_id, address, port, generation),
    -- Removing a cluster's version row removes its members too.
    CONSTRAINT orleans_membership_cluster_fkey FOREIGN KEY (cluster_id)
        REFERENCES orleans_membership_version (cluster_id) ON DELETE CASCADE
);

INSERT INTO orleansquery (querykey, querytext)
VALUES
-- Creates the cluster's version row once. Returns true if it was created.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_membership_version (cluster_id)
    VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 AS created FROM created;
$sql$),

-- The version row joined with one silo's row (if any).
('MembershipReadRowKey', $sql$
SELECT
    m.address         AS address,
    m.port            AS port,
    m.generation      AS generation,
    m.silo_name       AS siloname,
    m.host_name       AS hostname,
    m.status          AS status,
    m.proxy_port      AS proxyport,
    m.suspect_times   AS suspecttimes,
    m.start_time      AS starttime,
    m.i_am_alive_time AS iamalivetime,
    v.version         AS version
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
       ON m.cluster_id = v.cluster_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.cluster_id = @DeploymentId;
$sql$),

-- The version row joined with all silo rows of the cluster.
('MembershipReadAllKey', $sql$
SELECT
    m.address         AS address,
    m.port            AS port,
    m.generation      AS generation,
    m.silo_name       AS siloname,
    m.host_name       AS hostname,
    m.status          AS status,
    m.proxy_port      AS proxyport,
    m.suspect_times   AS suspecttimes,
    m.start_time      AS starttime,
    m.i_am_alive_time AS iamalivetime,
    v.version         AS version
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
       ON m.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId;
$sql$),

-- Adds a silo row if @Version is still current and the silo is not yet
-- listed. The version row is locked and bumped first; a concurrent writer
-- holding the same etag waits for that lock, re-checks the version, finds it
-- changed and gets false. The insert only runs for a bumped version row, so
-- "false" never leaves a half-applied change behind.
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version AS v
       SET version = v.version + 1,
           changed_at = now()
     WHERE v.cluster_id = @DeploymentId
       AND v.version = @Version
       AND NOT EXISTS (
               SELECT 1
                 FROM orleans_membership AS m
                WHERE m.cluster_id = @DeploymentId
                  AND m.address = @Address
                  AND m.port = @Port
                  AND m.generation = @Generation)
    RETURNING v.cluster_id
), inserted AS (
    INSERT INTO orleans_membership
        (cluster_id, address, port, generation, silo_name, host_name,
         status, proxy_port, start_time, i_am_alive_time)
    SELECT b.cluster_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, @StartTime, @IAmAliveTime
      FROM bumped AS b
    RETURNING 1
)
SELECT count(*) > 0 AS inserted FROM inserted;
$sql$),

-- Changes a silo's status, suspicions and heartbeat if @Version is still
-- current, bumping the version in the same statement.
('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version AS v
       SET version = v.version + 1,
           changed_at = now()
     WHERE v.cluster_id = @DeploymentId
       AND v.version = @Version
       AND EXISTS (
               SELECT 1
                 FROM orleans_membership AS m
                WHERE m.cluster_id = @DeploymentId
                  AND m.address = @Address
                  AND m.port = @Port
                  AND m.generation = @Generation)
    RETURNING v.cluster_id
), updated AS (
    UPDATE orleans_membership AS m
       SET status = @Status,
           suspect_times = @SuspectTimes,
           i_am_alive_time = @IAmAliveTime
      FROM bumped AS b
     WHERE m.cluster_id = b.cluster_id
       AND m.address = @Address
       AND m.port = @Port
       AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*) > 0 AS updated FROM updated;
$sql$),

-- Heartbeat. Not versioned; Orleans ignores the result.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE cluster_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation;
$sql$),

-- Silos that currently accept client connections.
('GatewaysQueryKey', $sql$
SELECT address, proxy_port AS proxyport, generation
  FROM orleans_membership
 WHERE cluster_id = @DeploymentId
   AND status = @Status
   AND proxy_port > 0;
$sql$),

-- Drops a whole cluster (used by tests and tooling). The foreign key
-- cascades to the silo rows.
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_membership_version
 WHERE cluster_id = @DeploymentId;
$sql$),

-- Bulk fall-back: forgets Dead silos (SiloStatus.Dead = 6) not heard of since
-- the cut-off in @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_membership
 WHERE cluster_id = @DeploymentId
   AND status = 6
   AND start_time < @IAmAliveTime
   AND i_am_alive_time < @IAmAliveTime;
$sql$),

-- Preferred by Orleans 10.4.2 when present: forgets one Dead silo, but only
-- if its row still holds exactly what the provider just read (@StartTime,
-- @IAmAliveTime and @SuspectTimes are the values read from this table).
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleans_membership
 WHERE cluster_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
   AND status = 6
   AND start_time = @StartTime
   AND i_am_alive_time = @IAmAliveTime
   AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '');
$sql$)
ON CONFLICT (querykey) DO UPDATE
    SET querytext = EXCLUDED.querytext
    WHERE orleansquery.querytext IS DISTINCT FROM EXCLUDED.querytext;
