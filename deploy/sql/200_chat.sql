-- Chat: messages (append-only, written in batches), members as rows (one per member per group),
-- and the group directory. Idempotent: safe to apply again.

CREATE TABLE IF NOT EXISTS chat_messages (
    group_id    text        NOT NULL,
    seq         bigint      NOT NULL,
    kind        text        NOT NULL,
    sender_id   text        NULL,
    sender_name text        NULL,
    type        text        NOT NULL,
    body_text   text        NULL,
    url         text        NULL,
    contact     text        NULL,
    client_id   text        NULL,
    recall_of   bigint      NULL,
    sent_at     timestamptz NOT NULL,
    recalled    boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (group_id, seq)
);

-- A retried post (same sender, same client_id) is stored once, even if two activations of a group
-- exist for a moment after a silo dies: the batch insert skips the repeat and returns the first row.
CREATE UNIQUE INDEX IF NOT EXISTS chat_messages_client_id ON chat_messages (group_id, sender_id, client_id)
    WHERE client_id IS NOT NULL AND sender_id IS NOT NULL;

-- An image, audio, video or file message's upload (MediaRef as JSON); added after the table first shipped.
ALTER TABLE chat_messages ADD COLUMN IF NOT EXISTS media jsonb NULL;

CREATE TABLE IF NOT EXISTS chat_members (
    group_id      text        NOT NULL,
    user_id       text        NOT NULL,
    shard         integer     NOT NULL,
    username      text        NOT NULL,
    role          text        NOT NULL,
    subscribed    boolean     NOT NULL,
    banned        boolean     NOT NULL,
    joined_at     timestamptz NOT NULL,
    last_read_seq bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, user_id)
);

CREATE INDEX IF NOT EXISTS chat_members_by_shard ON chat_members (group_id, shard);

CREATE TABLE IF NOT EXISTS chat_groups (
    group_id    text        PRIMARY KEY,
    name        text        NOT NULL,
    description text        NOT NULL,
    created_at  timestamptz NOT NULL
);

-- The directory pages newest first with the id as tiebreaker: (created_at, group_id) is a total order.
CREATE INDEX IF NOT EXISTS chat_groups_by_created ON chat_groups (created_at DESC, group_id DESC);
