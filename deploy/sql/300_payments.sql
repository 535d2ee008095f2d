-- Payments: red-packet claims (append-only; one row per claimed share). The packet's small state is grain state;
-- payouts and refunds are transactions on the payments node. Idempotent: safe to apply again.

CREATE TABLE IF NOT EXISTS red_packet_claims (
    packet_id   text        NOT NULL,
    claim_index integer     NOT NULL,
    user_id     text        NOT NULL,
    username    text        NOT NULL,
    address     text        NOT NULL,
    amount      bigint      NOT NULL,
    claimed_at  timestamptz NOT NULL,
    PRIMARY KEY (packet_id, claim_index),
    UNIQUE (packet_id, user_id)
);
