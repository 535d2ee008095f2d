-- Uploads (images, audio, video, files): one row per upload, its bytes in chunks of 256 KiB, and the groups it
-- was posted in (whose members may read it). Idempotent: safe to apply again.

CREATE TABLE IF NOT EXISTS chat_uploads (
    upload_id    text        PRIMARY KEY,
    owner_id     text        NOT NULL,
    kind         text        NOT NULL,
    content_type text        NOT NULL,
    size         bigint      NOT NULL,
    sha256       text        NOT NULL,
    width        integer     NULL,
    height       integer     NULL,
    duration_ms  bigint      NULL,
    has_qr       boolean     NOT NULL DEFAULT false,
    file_name    text        NULL,
    thumbnail_id text        NULL,
    parent_id    text        NULL,
    created_at   timestamptz NOT NULL
);

-- The hourly quota counts an owner's recent uploads.
CREATE INDEX IF NOT EXISTS chat_uploads_by_owner ON chat_uploads (owner_id, created_at) WHERE parent_id IS NULL;

CREATE TABLE IF NOT EXISTS chat_upload_chunks (
    upload_id text    NOT NULL,
    n         integer NOT NULL,
    data      bytea   NOT NULL,
    PRIMARY KEY (upload_id, n)
);

-- Media is compressed already: stored out of line without another round of compression.
ALTER TABLE chat_upload_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE IF NOT EXISTS chat_upload_posts (
    upload_id text NOT NULL,
    group_id  text NOT NULL,
    PRIMARY KEY (upload_id, group_id)
);
