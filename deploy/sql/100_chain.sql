-- Chain nodes (issue 3): each node's block tree and its pending transactions.
-- Blocks are append-only; a node's tip, peers and policy live in its grain state.
-- Idempotent: safe to apply again.

CREATE TABLE IF NOT EXISTS chain_blocks (
    node_id     text        NOT NULL,
    seq         bigint      NOT NULL,               -- order in which this node first saw the block (ties in work: first seen wins)
    hash        bytea       NOT NULL,               -- SHA-256d of the 96-byte header
    height      bigint      NOT NULL,
    prev_hash   bytea       NOT NULL,
    block       bytea       NOT NULL,               -- canonical encoding: header, transaction count, transactions
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (node_id, hash)
);

CREATE UNIQUE INDEX IF NOT EXISTS chain_blocks_node_seq ON chain_blocks (node_id, seq);

CREATE TABLE IF NOT EXISTS chain_mempool (
    node_id  text        NOT NULL,
    tx_id    bytea       NOT NULL,                  -- SHA-256d of the transaction's canonical encoding
    tx       bytea       NOT NULL,
    seq      bigint      GENERATED ALWAYS AS IDENTITY,
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (node_id, tx_id)
);

CREATE INDEX IF NOT EXISTS chain_mempool_node_seq ON chain_mempool (node_id, seq);
