-- Sync position and exactly-once bookkeeping.
CREATE TABLE sync_state (
    name  VARCHAR(64) NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every event handed to the consumer, so a replay after a crash is recognised.
CREATE TABLE processed_event (
    event_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    room_id      VARCHAR(255) NOT NULL,
    processed_at BIGINT NOT NULL
);

-- The last event delivered per room: where a gap backfill stops.
CREATE TABLE room_cursor (
    room_id       VARCHAR(255) NOT NULL PRIMARY KEY,
    last_event_id VARCHAR(255) NOT NULL,
    last_ts       BIGINT NOT NULL
);

-- Outgoing room events. The transaction id is stored before the first attempt, so a retry
-- (after a timeout or a crash) reuses it and the server never posts twice.
CREATE TABLE outbox (
    idempotency_key VARCHAR(255) NOT NULL PRIMARY KEY,
    seq             BIGINT NOT NULL,
    room_id         VARCHAR(255) NOT NULL,
    event_type      VARCHAR(255) NOT NULL,
    content         TEXT NOT NULL,
    txn_id          VARCHAR(128) NOT NULL,
    event_id        VARCHAR(255),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX outbox_pending ON outbox (event_id, seq);
