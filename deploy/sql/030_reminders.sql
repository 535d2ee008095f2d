-- 030_reminders.sql
--
-- Reminders for Microsoft.Orleans.Reminders.AdoNet (UseAdoNetReminderService),
-- invariant "Npgsql".
--
-- Contract (Orleans 10.4.2, AdoNetReminderTable / RelationalOrleansQueries):
--  * @ServiceId is ClusterOptions.ServiceId, @GrainId is GrainId.ToString()
--    (e.g. "chatroom/general"), @ReminderName the reminder's name.
--  * @GrainHash, @BeginHash, @EndHash are uint hashes cast to int, so the
--    ring is compared in signed order. The provider calls ReadRangeRows1Key
--    for (int)begin < (int)end, i.e. the range (begin, end]; otherwise
--    ReadRangeRows2Key, the wrapping range (begin, +max] + [-min, end], which
--    is everything when begin = end.
--  * @StartTime is bound as DbType.DateTime with Kind Utc (the provider turns
--    Unspecified into Utc), i.e. timestamptz; it is read back with
--    GetDateTime() and marked UTC.
--  * @Period is milliseconds, bound as int or, above int.MaxValue, as bigint;
--    it is read with GetInt64 (bigint column).
--  * The ETag is the integer column "version". UpsertReminderRowKey returns
--    the new version in a column named Version. DeleteReminderRowKey gets
--    @Version and returns exactly one row with one boolean column: true if
--    that version was deleted, false if the row is gone or changed.
--  * Read queries return GrainId, ReminderName, StartTime, Period, Version.

CREATE TABLE IF NOT EXISTS orleans_reminder
(
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(1024) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    grain_hash    integer      NOT NULL,
    start_time    timestamptz  NOT NULL,
    period_ms     bigint       NOT NULL,
    version       integer      NOT NULL,

    CONSTRAINT orleans_reminder_pkey PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- The reminder service of each silo loads the reminders of its hash range.
CREATE INDEX IF NOT EXISTS orleans_reminder_service_hash_idx
    ON orleans_reminder (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext)
VALUES
('ReadReminderRowsKey', $sql$
SELECT grain_id      AS grainid,
       reminder_name AS remindername,
       start_time    AS starttime,
       period_ms     AS period,
       version       AS version
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND grain_id = @GrainId;
$sql$),

('ReadReminderRowKey', $sql$
SELECT grain_id      AS grainid,
       reminder_name AS remindername,
       start_time    AS starttime,
       period_ms     AS period,
       version       AS version
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND grain_id = @GrainId
   AND reminder_name = @ReminderName;
$sql$),

-- Non-wrapping range (begin, end].
('ReadRangeRows1Key', $sql$
SELECT grain_id      AS grainid,
       reminder_name AS remindername,
       start_time    AS starttime,
       period_ms     AS period,
       version       AS version
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND grain_hash > @BeginHash
   AND grain_hash <= @EndHash;
$sql$),

-- Wrapping range: above begin or up to end.
('ReadRangeRows2Key', $sql$
SELECT grain_id      AS grainid,
       reminder_name AS remindername,
       start_time    AS starttime,
       period_ms     AS period,
       version       AS version
  FROM orleans_reminder
 WHERE service_id = @ServiceId
   AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$sql$),

-- Registers or replaces a reminder; every change gets a new version.
('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminder AS r
    (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET grain_hash = EXCLUDED.grain_hash,
        start_time = EXCLUDED.start_time,
        period_ms  = EXCLUDED.period_ms,
        version    = r.version + 1
RETURNING r.version AS version;
$sql$),

-- Unregisters a reminder if the caller holds its current version.
('DeleteReminderRowKey', $sql$
WITH removed AS (
    DELETE FROM orleans_reminder
     WHERE service_id = @ServiceId
       AND grain_id = @GrainId
       AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT count(*) > 0 AS removed FROM removed;
$sql$),

-- Drops every reminder of the service (used by tests).
('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminder
 WHERE service_id = @ServiceId;
$sql$)
ON CONFLICT (querykey) DO UPDATE
    SET querytext = EXCLUDED.querytext
    WHERE orleansquery.querytext IS DISTINCT FROM EXCLUDED.querytext;
