-- The evidence log: append-only records (each a leaf of the Merkle tree), their links, signed tree heads,
-- the sealed signing key, and events of monitored rooms waiting for their federation form.
CREATE TABLE evidence_record (
    seq         BIGINT NOT NULL PRIMARY KEY,
    dedup_key   VARCHAR(512) NOT NULL UNIQUE,
    kind        VARCHAR(32) NOT NULL,
    room_id     VARCHAR(255) NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    origin_ts   BIGINT NOT NULL,
    record_json TEXT NOT NULL,
    leaf_hash   VARCHAR(64) NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX evidence_record_room_ts ON evidence_record (room_id, origin_ts);
CREATE INDEX evidence_record_event ON evidence_record (event_id);

CREATE TABLE evidence_link (
    seq        BIGINT NOT NULL,
    link_type  VARCHAR(32) NOT NULL,
    link_value VARCHAR(255) NOT NULL,
    PRIMARY KEY (seq, link_type, link_value)
);
CREATE INDEX evidence_link_value ON evidence_link (link_type, link_value);

CREATE TABLE evidence_tree_head (
    tree_size        BIGINT NOT NULL PRIMARY KEY,
    head_json        TEXT NOT NULL,
    tsa_token        TEXT,
    witness_event_id VARCHAR(255),
    created_at       BIGINT NOT NULL
);

CREATE TABLE evidence_signing_key (
    id          INTEGER NOT NULL PRIMARY KEY,
    public_key  VARCHAR(64) NOT NULL,
    sealed_seed TEXT NOT NULL,
    key_source  VARCHAR(64) NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE evidence_capture_queue (
    event_id  VARCHAR(255) NOT NULL PRIMARY KEY,
    room_id   VARCHAR(255) NOT NULL,
    queued_at BIGINT NOT NULL,
    attempts  INTEGER NOT NULL DEFAULT 0
);
