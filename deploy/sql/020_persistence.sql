-- 020_persistence.sql
--
-- Grain state for Microsoft.Orleans.Persistence.AdoNet
-- (AddAdoNetGrainStorage), invariant "Npgsql".
--
-- Contract (Orleans 10.4.2, AdoNetGrainStorage):
--  * Keys read at start-up: WriteToStorageKey, ReadFromStorageKey,
--    ClearStorageKey (required) and DeleteStorageKey (needed only with
--    DeleteStateOnClear = true).
--  * Every query gets the same identity parameters:
--      @ServiceId               ClusterOptions.ServiceId
--      @GrainTypeString         the *state name* ([PersistentState("name")])
--                               or, for Grain<T>, the grain class name; the
--                               grain type itself is not part of the key
--      @GrainTypeHash (int)     hash of @GrainTypeString
--      @GrainIdN0, @GrainIdN1   (bigint) the Guid / integer key halves, 0 for
--                               string keys
--      @GrainIdExtensionString  key extension of compound keys, the whole key
--                               of string-keyed grains, NULL otherwise
--      @GrainIdHash (int)       hash of the key bytes
--    The hashes come from the configured IHasher (default: Orleans StableHash;
--    UseOrleans3CompatibleHasher() switches to Jenkins hash). Rows written
--    with one hasher are not found with the other.
--  * The ETag is the integer column "version"; the provider int.Parse()s it
--    and passes it back as @GrainStateVersion (NULL if the grain has never
--    read an existing row).
--  * ReadFromStorageKey returns at most one row with PayloadBinary (bytea, or
--    NULL = no state: RecordExists = false) and Version.
--  * WriteToStorageKey gets @PayloadBinary (bytea: the IGrainStorageSerializer
--    output, JSON by default) and returns one row, column NewGrainStateVersion:
--    the new version on success. On a version conflict it returns NULL (or no
--    row, or the old version); the provider then throws
--    InconsistentStateException.
--  * ClearStorageKey / DeleteStorageKey return the new version in their first
--    column; no row means conflict. Delete returns the deleted version + 1
--    so that the provider does not mistake it for "unchanged".

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id      varchar(150)  NOT NULL,
    grain_type      varchar(512)  NOT NULL,
    grain_type_hash integer       NOT NULL,
    grain_id_n0     bigint        NOT NULL,
    grain_id_n1     bigint        NOT NULL,
    grain_id_ext    varchar(1024) NULL,
    grain_id_hash   integer       NOT NULL,
    payload         bytea         NULL,
    version         integer       NOT NULL,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    modified_at     timestamptz   NOT NULL DEFAULT now(),

    -- One row per grain state. grain_id_ext is NULL for plain Guid/integer
    -- keys, so NULLs must compare equal here (PostgreSQL 15+). The hashes
    -- lead so that lookups can use this index.
    CONSTRAINT orleans_grain_state_key UNIQUE NULLS NOT DISTINCT
        (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type, grain_id_ext)
);

INSERT INTO orleansquery (querykey, querytext)
VALUES
('ReadFromStorageKey', $sql$
SELECT payload AS payloadbinary,
       version AS version
  FROM orleans_grain_state
 WHERE grain_id_hash = @GrainIdHash
   AND grain_type_hash = @GrainTypeHash
   AND service_id = @ServiceId
   AND grain_id_n0 = @GrainIdN0
   AND grain_id_n1 = @GrainIdN1
   AND grain_type = @GrainTypeString
   AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString;
$sql$),

-- With an etag: update that version only. Without one: insert version 1
-- unless a row exists already (ON CONFLICT also settles concurrent first
-- writes). Exactly one of the two branches can produce a row; otherwise the
-- result is NULL, which the provider reports as a version conflict.
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleans_grain_state AS s
       SET payload = @PayloadBinary,
           version = s.version + 1,
           modified_at = now()
     WHERE @GrainStateVersion IS NOT NULL
       AND s.version = @GrainStateVersion
       AND s.grain_id_hash = @GrainIdHash
       AND s.grain_type_hash = @GrainTypeHash
       AND s.service_id = @ServiceId
       AND s.grain_id_n0 = @GrainIdN0
       AND s.grain_id_n1 = @GrainIdN1
       AND s.grain_type = @GrainTypeString
       AND s.grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING s.version
), inserted AS (
    INSERT INTO orleans_grain_state
        (service_id, grain_type, grain_type_hash, grain_id_n0, grain_id_n1,
         grain_id_ext, grain_id_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString, @GrainIdHash, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_key DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM updated
        UNION ALL
        SELECT version FROM inserted) AS newgrainstateversion;
$sql$),

-- ClearStateAsync with DeleteStateOnClear = false: keep the row, drop the
-- payload, bump the version (the grain keeps the new version as its etag).
('ClearStorageKey', $sql$
UPDATE orleans_grain_state AS s
   SET payload = NULL,
       version = s.version + 1,
       modified_at = now()
 WHERE s.version = @GrainStateVersion
   AND s.grain_id_hash = @GrainIdHash
   AND s.grain_type_hash = @GrainTypeHash
   AND s.service_id = @ServiceId
   AND s.grain_id_n0 = @GrainIdN0
   AND s.grain_id_n1 = @GrainIdN1
   AND s.grain_type = @GrainTypeString
   AND s.grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING s.version AS newgrainstateversion;
$sql$),

-- ClearStateAsync with DeleteStateOnClear = true: remove the row.
('DeleteStorageKey', $sql$
DELETE FROM orleans_grain_state AS s
 WHERE s.version = @GrainStateVersion
   AND s.grain_id_hash = @GrainIdHash
   AND s.grain_type_hash = @GrainTypeHash
   AND s.service_id = @ServiceId
   AND s.grain_id_n0 = @GrainIdN0
   AND s.grain_id_n1 = @GrainIdN1
   AND s.grain_type = @GrainTypeString
   AND s.grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING s.version + 1 AS newgrainstateversion;
$sql$)
ON CONFLICT (querykey) DO UPDATE
    SET querytext = EXCLUDED.querytext
    WHERE orleansquery.querytext IS DISTINCT FROM EXCLUDED.querytext;
